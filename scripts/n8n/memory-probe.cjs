/**
 * Memory probe, preloaded into a benchmark n8n with `NODE_OPTIONS=--require <this file>` (scripts/bench-memory.ts
 * sets it up; never used by the tests' or the demo's n8n).
 *
 * RSS alone says little about a leak while n8n creates and disposes isolated-vm isolates: it rises and falls
 * with garbage collection. On SIGUSR2 this probe runs two full garbage collections in the n8n process and then
 * writes `{seq, rss, heapUsed, heapTotal, external, arrayBuffers}` (bytes, `process.memoryUsage()`) to
 * $MEMORY_PROBE_FILE, so a benchmark can compare memory after GC before and after a load. It writes
 * `{ready: true, pid}` once installed; the benchmark signals only a process that did.
 */
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');

const out = process.env.MEMORY_PROBE_FILE;
if (out && process.argv.some((a) => a === 'start' || a === 'webhook' || a === 'worker')) {
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc');
	let seq = 0;
	const write = (data) => {
		fs.writeFileSync(`${out}.tmp`, JSON.stringify(data));
		fs.renameSync(`${out}.tmp`, out);
	};
	process.on('SIGUSR2', () => {
		seq++;
		// A major GC, then one more for what finalizers of the first released (isolates are disposed async).
		gc();
		setTimeout(() => {
			gc();
			write({ seq, pid: process.pid, ...process.memoryUsage() });
		}, 200);
	});
	write({ ready: true, pid: process.pid, seq });
}
