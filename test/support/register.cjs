// `node -r ./test/support/register.cjs script.cts` runs test-side TypeScript (simulator, demo).
const fs = require('node:fs');
const { transform } = require('./esbuild-transform.cjs');

for (const ext of ['.ts', '.cts']) {
	require.extensions[ext] = (module, filename) => {
		module._compile(transform(fs.readFileSync(filename, 'utf8'), filename), filename);
	};
}
