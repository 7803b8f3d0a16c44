/**
 * The delivery runtime: one object per n8n process, each part bounded — and each bound reached and
 * held here.
 */
import { createDeliveryRuntime } from '../../../../nodes/AdobeIoEvents/webhook/runtime';
import { keyPairs } from './fixtures';

describe('createDeliveryRuntime', () => {
	const [pair] = keyPairs(1);
	const keyUrl = (i: number) => `https://keys.example/prod/keys/pub-key-${i}.pem`;

	it('the verified-key cache reaches and holds its bound', async () => {
		const runtime = createDeliveryRuntime({ keys: { maxEntries: 4, newKeyFetchesPerMinute: 100 } });
		for (let i = 0; i < 20; i++) {
			const lookup = await runtime.keys.get(keyUrl(i), async () => pair.publicPem);
			expect(lookup.status).toBe('ok');
			expect(runtime.keys.size).toBe(Math.min(i + 1, 4));
		}
	});

	it('each trigger scope has its own dedupe window, which reaches and holds its bound (default 10 000)', () => {
		const small = createDeliveryRuntime({ dedupe: { maxEntries: 50 } });
		for (let i = 0; i < 500; i++) expect(small.dedupe('a').markIfNew(`e${i}`)).toBe(true);
		expect(small.dedupe('a').size).toBe(50);
		expect(small.dedupe('a').markIfNew('e499')).toBe(false);
		expect(small.dedupe('a').markIfNew('e0')).toBe(true);
		const defaults = createDeliveryRuntime();
		for (let i = 0; i < 10_100; i++) defaults.dedupe('a').markIfNew(`e${i}`);
		expect(defaults.dedupe('a').size).toBe(10_000);
	});

	it('the number of scopes with state reaches and holds its bound (least recently used forgotten)', () => {
		const runtime = createDeliveryRuntime({ maxScopes: 3 });
		runtime.dedupe('a').markIfNew('x');
		runtime.dedupe('b');
		runtime.dedupe('c');
		runtime.dedupe('a'); // a used again: b is now the oldest
		runtime.dedupe('d');
		expect(runtime.scopes).toBe(3);
		expect(runtime.dedupe('a').markIfNew('x')).toBe(false);
	});

	it('each scope has its own running-events set, which reaches and holds its bound; a flood on one scope leaves the others alone', () => {
		const runtime = createDeliveryRuntime({ dedupe: { maxEntries: 10 } });
		runtime.running('signed').set('e-signed', true, 60_000);
		for (let i = 0; i < 30; i++) runtime.running('flooded').set(`e${i}`, true, 60_000);
		expect(runtime.running('flooded').size).toBe(10);
		expect(runtime.running('signed').get('e-signed')).toBe(true);
		expect(runtime.scopes).toBe(2);
	});

	it('the credential cache reaches and holds its bound (256) and serves entries for 60 s', async () => {
		let t = 0;
		const runtime = createDeliveryRuntime<string>({ now: () => t });
		let loads = 0;
		const load = async () => `value-${++loads}`;
		for (let i = 0; i < 300; i++) await runtime.credentials.get(`node-${i}`, load);
		expect(runtime.credentials.size).toBe(256);
		expect(await runtime.credentials.get('node-299', load)).toBe('value-300');
		t += 60_000;
		expect(await runtime.credentials.get('node-299', load)).toBe('value-301');
	});

	it('a credential may be re-read after a failed check at most once per 5 s per trigger', () => {
		let t = 0;
		const runtime = createDeliveryRuntime({ now: () => t });
		expect(runtime.mayRefresh('k')).toBe(true);
		expect(runtime.mayRefresh('k')).toBe(false);
		expect(runtime.mayRefresh('other')).toBe(true);
		t += 4_999;
		expect(runtime.mayRefresh('k')).toBe(false);
		t += 1;
		expect(runtime.mayRefresh('k')).toBe(true);
	});

	it('the validation gate holds at most one entry per scope, bounded by the scope limit', () => {
		const runtime = createDeliveryRuntime({ maxScopes: 2 });
		runtime.validations.expect('a');
		runtime.validations.expect('b');
		runtime.validations.expect('c');
		expect(runtime.validations.isOpen('a')).toBe(false);
		expect(runtime.validations.isOpen('c')).toBe(true);
	});

	it('two runtimes share nothing; reset() forgets everything', async () => {
		const a = createDeliveryRuntime<string>();
		const b = createDeliveryRuntime<string>();
		a.dedupe('s').markIfNew('x');
		await a.credentials.get('n', async () => 'ctx');
		a.validations.expect('s');
		a.running('s').set('x', true, 60_000);
		expect(b.dedupe('s').markIfNew('x')).toBe(true);
		expect(b.running('s').size).toBe(0);
		expect(b.credentials.size).toBe(0);
		a.reset();
		expect(a.dedupe('s').size).toBe(0);
		expect(a.running('s').size).toBe(0);
		expect(a.credentials.size).toBe(0);
		expect(a.validations.isOpen('s')).toBe(false);
	});
});
