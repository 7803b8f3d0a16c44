/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark script: runs outside n8n, needs process.hrtime and process.stdout */
/**
 * bench:verify — per-delivery cost of the package's signature verification compared with a bare
 * `crypto.verify` using a ready KeyObject, on the same 1 KB, 20 KB and 2 MB bodies.
 *
 * Package path: `verifyDeliverySignature()` exactly as the trigger calls it — header lookup,
 * key-path validation against the pinned host, key-cache lookup (warm), base64 decoding and
 * RSA-SHA256 verification of the raw bytes. Baseline: `crypto.verify('sha256', body, key, sig)`
 * with the signature already decoded.
 *
 * Method: both variants run interleaved in alternating order, in rounds of a calibrated batch
 * size (≈ 10 ms each) after a warm-up; each round gives one ratio; the reported ratio is the
 * median over all rounds. The last line is one JSON object with the three ratios.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { PublicKeyCache } from '../nodes/AdobeIoEvents/webhook/keyCache';
import { verifyDeliverySignature } from '../nodes/AdobeIoEvents/webhook/verify';

const KEY_BASE = 'https://static.adobeioevents.com';
const PATH_A = '/prod/keys/pub-key-benchKeyA1.pem';
const PATH_B = '/prod/keys/pub-key-benchKeyB2.pem';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 41);
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 10);

function out(line: string): void {
	process.stdout.write(`${line}\n`);
}

function makeBody(bytes: number): Buffer {
	const event = {
		specversion: '1.0',
		id: 'bench',
		source: 'urn:uuid:bench',
		type: 'com.example.bench',
		eventid: 'bench-event',
		recipientclientid: 'bench-client',
		data: { filler: '' },
	};
	const empty = JSON.stringify(event).length;
	event.data.filler = 'x'.repeat(Math.max(0, bytes - empty));
	const body = Buffer.from(JSON.stringify(event));
	return body;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
	const pairA = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const pairB = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const pems: Record<string, string> = {
		[`${KEY_BASE}${PATH_A}`]: pairA.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
		[`${KEY_BASE}${PATH_B}`]: pairB.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
	};
	// In-memory stand-in for the key host; the hot path must never reach it.
	const cache = new PublicKeyCache();
	const keys = cache.source(async (url) => pems[url] ?? null);

	const sizes: Array<[string, number]> = [
		['1k', 1024],
		['20k', 20 * 1024],
		['2m', 2 * 1024 * 1024],
	];
	const result: Record<string, number> = {};
	out(`bench:verify  node ${process.version}  rounds=${ROUNDS}  batch≈${BATCH_MS}ms`);

	for (const [label, bytes] of sizes) {
		const body = makeBody(bytes);
		const sig1 = sign('sha256', body, pairA.privateKey).toString('base64');
		const sig2 = sign('sha256', body, pairB.privateKey).toString('base64');
		const headers = {
			'content-type': 'application/cloudevents+json; charset=UTF-8',
			'x-adobe-digital-signature-1': sig1,
			'x-adobe-digital-signature-2': sig2,
			'x-adobe-public-key1-path': PATH_A,
			'x-adobe-public-key2-path': PATH_B,
			'x-adobe-event-id': 'bench-event',
		};
		const readyKey = pairA.publicKey;
		const readySig = Buffer.from(sig1, 'base64');

		const pkg = async (n: number): Promise<void> => {
			for (let i = 0; i < n; i++) {
				const verdict = await verifyDeliverySignature({
					body,
					headers,
					mode: 'digital',
					keys,
					keyBaseUrl: KEY_BASE,
				});
				if (!verdict.ok) throw new Error(`package verification failed: ${verdict.reason}`);
			}
		};
		const bare = async (n: number): Promise<void> => {
			for (let i = 0; i < n; i++) {
				if (!verify('sha256', body, readyKey, readySig)) throw new Error('bare verify failed');
			}
		};
		const time = async (fn: (n: number) => Promise<void>, n: number): Promise<number> => {
			const start = process.hrtime.bigint();
			await fn(n);
			return Number(process.hrtime.bigint() - start) / n;
		};

		// warm-up (also fills the key cache once: the only PEM parse of the run)
		await pkg(3);
		await bare(3);
		const fetchesAfterWarmup = cache.fetchCount;
		const probe = await time(bare, 5);
		const n = Math.max(3, Math.round((BATCH_MS * 1e6) / probe));
		for (let i = 0; i < 3; i++) {
			await time(pkg, n);
			await time(bare, n);
		}

		const ratios: number[] = [];
		const pkgTimes: number[] = [];
		const bareTimes: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			let p: number;
			let b: number;
			if (r % 2 === 0) {
				p = await time(pkg, n);
				b = await time(bare, n);
			} else {
				b = await time(bare, n);
				p = await time(pkg, n);
			}
			pkgTimes.push(p);
			bareTimes.push(b);
			ratios.push(p / b);
		}
		if (cache.fetchCount !== fetchesAfterWarmup) throw new Error('the hot path fetched a key');
		const ratio = Math.round(median(ratios) * 1000) / 1000;
		result[`ratio_${label}`] = ratio;
		out(
			`${label.padStart(4)}: body=${body.length}B  batch=${n}  package=${(median(pkgTimes) / 1000).toFixed(1)}µs  ` +
				`bare crypto.verify=${(median(bareTimes) / 1000).toFixed(1)}µs  median ratio=${ratio}  ` +
				`(min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)})`,
		);
	}
	out(
		`key fetches + PEM parses in the whole run: ${cache.fetchCount} (first delivery only; later deliveries used the cached KeyObject)`,
	);
	out(
		JSON.stringify({
			ratio_1k: result.ratio_1k,
			ratio_20k: result.ratio_20k,
			ratio_2m: result.ratio_2m,
		}),
	);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`bench:verify failed: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exitCode = 1;
});
