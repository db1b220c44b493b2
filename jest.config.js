/** Tests are `.cts` (CommonJS TypeScript) so that n8n's node lint, which covers `**\/*.ts`, stays on shipped code. */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.cts'],
	moduleFileExtensions: ['cts', 'ts', 'js', 'cjs', 'json'],
	transform: { '^.+\\.c?ts$': '<rootDir>/test/support/esbuild-transform.cjs' },
	setupFiles: ['<rootDir>/test/support/jest-setup.cjs'],
	testTimeout: 30000,
	maxWorkers: 2,
	// A worker reaches 'exit' 1 ms after Jest's end message with nothing open (measured), then
	// Node's own teardown of its heap took 140-220 ms quiet, 260-300 ms beside 2 CPU burners, 580 ms beside 6:
	// Jest's default 500 ms grace made it report "force exited" on a busy machine. 5 s is >15×.
	workerGracefulExitTimeout: 5000,
};
