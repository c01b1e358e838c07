const { src, dest } = require('gulp');

// tsc compiles the TypeScript; the editor also needs each node's and credential's icon beside it.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIcons;
