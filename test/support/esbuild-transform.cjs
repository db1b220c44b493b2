// Jest transform and require hook: strips TypeScript with esbuild (type checking is `tsc`'s job).
const { transformSync } = require('esbuild');

function transform(source, filename) {
	return transformSync(source, {
		loader: 'ts',
		format: 'cjs',
		target: 'node22',
		sourcemap: 'inline',
		sourcefile: filename,
	}).code;
}

module.exports = {
	transform,
	process(source, filename) {
		return { code: transform(source, filename) };
	},
	getCacheKey(source, filename) {
		return require('node:crypto').createHash('sha1').update(filename).update('\0').update(source).digest('hex');
	},
};
