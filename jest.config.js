/** Tests are `.cts` (CommonJS TypeScript) so that n8n's node lint, which covers `**\/*.ts`, stays on shipped code. */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.cts'],
	moduleFileExtensions: ['cts', 'ts', 'js', 'cjs', 'json'],
	transform: { '^.+\\.c?ts$': '<rootDir>/test/support/esbuild-transform.cjs' },
	setupFiles: ['<rootDir>/test/support/jest-setup.cjs'],
	testTimeout: 30000,
	maxWorkers: 2,
};
