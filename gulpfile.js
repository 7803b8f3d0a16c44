// Asset step of `npm run build` (after `n8n-node build` has compiled the TypeScript):
// copies the light/dark icons and the codex files (*.node.json) next to the compiled code,
// so that dist/ is a complete, loadable n8n package.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(path.resolve('icons', '*.svg'), { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
}

function copyCodex() {
	return src(path.resolve('nodes', '**', '*.node.json')).pipe(dest(path.resolve('dist', 'nodes')));
}

task('build:assets', parallel(copyIcons, copyCodex));
