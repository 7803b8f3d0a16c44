/**
 * The delivery runtime: one object per n8n process, each of its caches bounded — and each bound
 * reached and held here.
 */
import { createDeliveryRuntime } from '../../../../nodes/AdobeIoEvents/webhook/runtime';
import { keyPairs } from './fixtures';

describe('createDeliveryRuntime', () => {
	it('the key cache reaches and holds its bound', async () => {
		const [pair] = keyPairs(1);
		const runtime = createDeliveryRuntime({ keys: { maxEntries: 4 } });
		for (let i = 0; i < 20; i++) {
			const lookup = await runtime.keys.get(
				`https://keys.example/prod/keys/pub-key-${i}.pem`,
				async () => pair.publicPem,
			);
			expect(lookup.status).toBe('ok');
			expect(runtime.keys.size).toBe(Math.min(i + 1, 4));
		}
	});

	it('the dedupe window reaches and holds its bound (the default is 10 000)', () => {
		const small = createDeliveryRuntime({ dedupe: { maxEntries: 50 } });
		for (let i = 0; i < 500; i++) expect(small.dedupe.markIfNew(`e${i}`)).toBe(true);
		expect(small.dedupe.size).toBe(50);
		expect(small.dedupe.markIfNew('e499')).toBe(false);
		expect(small.dedupe.markIfNew('e0')).toBe(true);
		const defaults = createDeliveryRuntime();
		for (let i = 0; i < 10_100; i++) defaults.dedupe.markIfNew(`e${i}`);
		expect(defaults.dedupe.size).toBe(10_000);
	});

	it('the delivery-context cache reaches and holds its bound (256) and serves entries for 60 s', async () => {
		let t = 0;
		const runtime = createDeliveryRuntime<string>({ now: () => t });
		let loads = 0;
		const load = async () => `ctx-${++loads}`;
		for (let i = 0; i < 300; i++) await runtime.contexts.get(`node-${i}`, load);
		expect(runtime.contexts.size).toBe(256);
		expect(await runtime.contexts.get('node-299', load)).toBe('ctx-300');
		t += 60_000;
		expect(await runtime.contexts.get('node-299', load)).toBe('ctx-301');
	});

	it('the ack tracker forgets a delivery’s dedupe keys when n8n answers 5xx', () => {
		const runtime = createDeliveryRuntime();
		runtime.dedupe.markIfNew('k1');
		let finish: () => void = () => undefined;
		const res = {
			statusCode: 500,
			once: (_: 'finish', listener: () => void) => (finish = listener),
		};
		runtime.acks.watch(res, ['k1']);
		expect(runtime.dedupe.markIfNew('k1')).toBe(false);
		finish();
		expect(runtime.dedupe.markIfNew('k1')).toBe(true);
	});

	it('two runtimes share nothing; reset() forgets everything', async () => {
		const a = createDeliveryRuntime<string>();
		const b = createDeliveryRuntime<string>();
		a.dedupe.markIfNew('x');
		await a.contexts.get('n', async () => 'ctx');
		expect(b.dedupe.markIfNew('x')).toBe(true);
		expect(b.contexts.size).toBe(0);
		a.reset();
		expect(a.dedupe.size).toBe(0);
		expect(a.contexts.size).toBe(0);
	});
});
