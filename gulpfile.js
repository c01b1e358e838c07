const { src, dest, parallel } = require('gulp');

// tsc compiles the TypeScript; the editor also needs each node's and credential's icon beside it,
// and each node's codex file (Foo.node.json beside Foo.node.js: category, search aliases, docs links).
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function copyCodex() {
	return src(['nodes/**/*.node.json'], { base: '.' }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(copyIcons, copyCodex);
