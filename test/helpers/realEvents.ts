/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n; reads the real samples beside the repository with node:fs/path and __dirname */
/**
 * Adobe's real event payloads, read from `../shared/real-events/` beside the repository (CI has it; a
 * fresh clone does not). Never copied into the project: tests read them where they are.
 *
 *   const real = loadRealEvents();
 *   describeRealEvents('…', real, (samples) => { it.each(samples.single)(…) });
 *
 * Where the folder is missing, `describeRealEvents` registers one visible skipped test whose name says
 * that these checks did not run and why — never a silent pass.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const REAL_EVENTS_DIR = resolve(REPO_ROOT, '..', 'shared', 'real-events');

export interface RealSample {
	/** file name relative to the folder (`batches/…` for batch and journal bodies) */
	name: string;
	/** the product family: the file name's prefix before `__` */
	family: string;
	/** the exact bytes of the file */
	bytes: Buffer;
	json: unknown;
}

export interface RealEvents {
	/** one event per file */
	single: RealSample[];
	/** delivery batches (JSON arrays of events) */
	batches: RealSample[];
	/** journal pages (`{events: [{position, event}], _page}`) */
	journalPages: RealSample[];
}

function read(dir: string, prefix: string): RealSample[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const bytes = readFileSync(join(dir, file));
			return {
				name: prefix + file,
				family: file.split('__')[0],
				bytes,
				json: JSON.parse(bytes.toString('utf8')) as unknown,
			};
		});
}

/** The samples, or undefined when `../shared/real-events/` does not exist. */
export function loadRealEvents(): RealEvents | undefined {
	if (!existsSync(REAL_EVENTS_DIR)) return undefined;
	const single = read(REAL_EVENTS_DIR, '');
	const batchDir = join(REAL_EVENTS_DIR, 'batches');
	const all = existsSync(batchDir) ? read(batchDir, 'batches/') : [];
	return {
		single,
		batches: all.filter((sample) => Array.isArray(sample.json)),
		journalPages: all.filter((sample) => !Array.isArray(sample.json)),
	};
}

export const REAL_EVENTS_MISSING = `did not run: ${REAL_EVENTS_DIR} does not exist (Adobe's real event samples are not part of the repository; CI provides them)`;

/** A describe block over the real samples, or one visible skipped test saying they did not run. */
export function describeRealEvents(
	title: string,
	real: RealEvents | undefined,
	body: (samples: RealEvents) => void,
): void {
	if (!real) {
		describe(title, () => {
			it.skip(REAL_EVENTS_MISSING, () => undefined);
		});
		return;
	}
	describe(title, () => {
		it('found the samples', () => {
			expect(real.single.length).toBeGreaterThan(0);
		});
		body(real);
	});
}
