/**
 * Every delivery shape through the Watch Events trigger's webhook(): the emulator catalogue's events
 * (ours, in Adobe's shapes; always run) and Adobe's real payloads (../shared/real-events/, single events
 * and batches, where the folder exists). Signed with real RSA keys served by a real key host, exact bytes,
 * real n8n-core WebhookContexts. Addressed to the trigger's client id it is accepted, one item per event;
 * addressed to another client id it is refused (401) in every envelope.
 */
import { recipientsOf } from '../../../../nodes/AdobeIoEvents/webhook/envelope';
import { describeRealEvents, loadRealEvents, type RealSample } from '../../../helpers/realEvents';
import { catalogueSamples, SAMPLE_CLIENT_ID } from '../../../emulator/src/samples';
import { MAX_EVENT_AGE_MS } from '../../../../nodes/AdobeIoEvents/webhook/freshness';
import { deliveryHarness, deliveryTimes } from './signedDeliveries';

const OURS = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const ANOTHER = 'ffffeeeeddddccccbbbbaaaa99998888';

const real = loadRealEvents();

/**
 * Freshness (issue 22 #4) on one signed delivery: 47 h 59 min after its oldest event every event runs;
 * replayed 48 h 1 s after its newest, only events without a time the rule can read run (200, one log
 * line) — a time that cannot be read never costs an event. Without any such time, the year 2100.
 */
async function expectFreshness(
	deliver: ReturnType<typeof deliveryHarness>['deliver'],
	fresh: () => void,
	bytes: Buffer,
	clientId: string,
): Promise<void> {
	const delivered = JSON.parse(bytes.toString('utf8')) as unknown;
	const all = Array.isArray(delivered) ? delivered : [delivered];
	const times = deliveryTimes(bytes);
	const known = times.filter((t): t is number => t !== undefined);
	const newest = known.length > 0 ? Math.max(...known) : Date.UTC(2100, 0, 1);
	const oldest = known.length > 0 ? Math.min(...known) : newest;

	const inTime = await deliver(bytes, clientId, { at: oldest + MAX_EVENT_AGE_MS - 60_000 });
	expect(inTime.status).toBe(200);
	expect(inTime.result.workflowData?.[0].map((item) => item.json)).toEqual(all);

	fresh();
	const replayed = await deliver(bytes, clientId, { at: newest + MAX_EVENT_AGE_MS + 1_000 });
	const untimed = all.filter((_event, i) => times[i] === undefined);
	expect(replayed.status).toBe(200);
	if (untimed.length === 0) {
		expect(replayed.result.workflowData).toBeUndefined();
		expect(replayed.body).toEqual({
			message: 'Event too old; acknowledged without running the workflow',
		});
	} else {
		expect(replayed.result.workflowData?.[0].map((item) => item.json)).toEqual(untimed);
	}
	expect(replayed.warnings.filter((w) => /older than 48 h/.test(w))).toHaveLength(
		untimed.length < all.length ? 1 : 0,
	);
}

describeRealEvents('Watch Events webhook() on Adobe’s real delivery shapes', real, (samples) => {
	const { deliver, fresh } = deliveryHarness();

	/** The one client id a delivery names (every event, every recipient field), or undefined. */
	function recipientOf(events: unknown[]): string | undefined {
		const all = new Set(events.flatMap((event) => recipientsOf(event)));
		expect(all.size).toBeLessThanOrEqual(1); // Adobe's samples never disagree with themselves
		return all.size === 1 ? String([...all][0]) : undefined;
	}

	/**
	 * A sample that names no recipient, as Adobe addresses it on delivery: `recipientclientid` added
	 * at the top level of every event (the bytes are re-serialised; they are then signed as they are).
	 */
	function addressed(sample: RealSample, clientId: string): Buffer {
		const address = (event: unknown) => ({ ...(event as object), recipientclientid: clientId });
		const json = Array.isArray(sample.json) ? sample.json.map(address) : address(sample.json);
		return Buffer.from(JSON.stringify(json, null, 2));
	}

	const deliveries = [...samples.single, ...samples.batches];

	it.each(deliveries.map((s) => [s.name, s] as const))(
		'%s: accepted when addressed to us (one item per event, as delivered), refused for another client id',
		async (_name, sample) => {
			const events = Array.isArray(sample.json) ? (sample.json as unknown[]) : [sample.json];
			const named = recipientOf(events);
			const bytes = named === undefined ? addressed(sample, OURS) : sample.bytes;
			const ours = named ?? OURS;
			const delivered = JSON.parse(bytes.toString('utf8')) as unknown;

			const accepted = await deliver(bytes, ours);
			expect({ status: accepted.status, warnings: accepted.warnings }).toEqual({
				status: 200,
				warnings: [],
			});
			const items = accepted.result.workflowData?.[0] ?? [];
			expect(items.map((item) => item.json)).toEqual(
				Array.isArray(delivered) ? delivered : [delivered],
			);

			fresh();
			const foreign = await deliver(bytes, ANOTHER);
			expect(foreign.status).toBe(401);
			expect(foreign.result.workflowData).toBeUndefined();
			expect(foreign.warnings.join('\n')).toMatch(/addressed to another client ID/);
		},
	);

	it.each(
		deliveries
			.filter((s) => recipientOf(Array.isArray(s.json) ? s.json : [s.json]) === undefined)
			.map((s) => [s.name, s] as const),
	)(
		'%s names no recipient as published: refused by default (401), accepted with Accept Events Without a Recipient',
		async (_name, sample) => {
			const refused = await deliver(sample.bytes, OURS);
			expect(refused.status).toBe(401);
			expect(refused.warnings.join('\n')).toMatch(/names no recipient/);
			fresh();
			const accepted = await deliver(sample.bytes, OURS, { options: { acceptUnaddressed: true } });
			expect(accepted.status).toBe(200);
			expect(accepted.result.workflowData?.[0].map((item) => item.json)).toEqual(
				Array.isArray(sample.json) ? sample.json : [sample.json],
			);
		},
	);

	describe('freshness (issue 22 #4): a signed event older than 48 h does not run; a time that cannot be read never costs an event', () => {
		const timed = (s: RealSample, has: boolean) =>
			deliveryTimes(s.bytes).some((t) => (t !== undefined) === has);

		it('the samples hold both: events with a time the rule reads and events without one', () => {
			expect(deliveries.filter((s) => timed(s, true)).length).toBeGreaterThan(0);
			expect(deliveries.filter((s) => timed(s, false)).length).toBeGreaterThan(0);
		});

		it.each(deliveries.map((s) => [s.name, s] as const))(
			'%s: delivered 47 h 59 min after its oldest event every event runs; replayed 48 h 1 s after its newest, only events without a readable time run (200, logged once)',
			async (_name, sample) => {
				const events = Array.isArray(sample.json) ? (sample.json as unknown[]) : [sample.json];
				const named = recipientOf(events);
				const bytes = named === undefined ? addressed(sample, OURS) : sample.bytes;
				await expectFreshness(deliver, fresh, bytes, named ?? OURS);
			},
		);
	});

	it("Marketo's wrapper with the recipient inside `event`: accepted for that client id, refused for another, refused when the top level disagrees", async () => {
		const inside = samples.single.filter((s) => {
			const event = s.json as {
				event?: { recipientclientid?: unknown };
				recipientclientid?: unknown;
			};
			return event.event?.recipientclientid !== undefined && event.recipientclientid === undefined;
		});
		expect(inside.length).toBeGreaterThanOrEqual(1);
		for (const sample of inside) {
			const named = recipientOf([sample.json]) as string;
			expect((await deliver(sample.bytes, named)).status).toBe(200);
			fresh();
			expect((await deliver(sample.bytes, ANOTHER)).status).toBe(401);
			// a top-level recipient that disagrees with the one inside: a mismatch whoever we are
			const conflicting = Buffer.from(
				JSON.stringify({ ...(sample.json as object), recipientclientid: ANOTHER }),
			);
			for (const clientId of [named, ANOTHER]) {
				fresh();
				const call = await deliver(conflicting, clientId);
				expect(call.status).toBe(401);
				expect(call.warnings.join('\n')).toMatch(/addressed to another client ID/);
			}
		}
	});
});

describe('Watch Events webhook() on the emulator catalogue’s events (ours, in Adobe’s shapes)', () => {
	const { deliver, fresh } = deliveryHarness();
	const samples = catalogueSamples();

	it.each(samples.map((s) => [s.name, s] as const))(
		'%s: accepted for its recipient (one item, as delivered), 401 for another client id',
		async (_name, sample) => {
			const bytes = Buffer.from(JSON.stringify(sample.webhook));
			const accepted = await deliver(bytes, SAMPLE_CLIENT_ID);
			expect({ status: accepted.status, warnings: accepted.warnings }).toEqual({
				status: 200,
				warnings: [],
			});
			expect(accepted.result.workflowData?.[0].map((item) => item.json)).toEqual([sample.webhook]);
			fresh();
			const foreign = await deliver(bytes, ANOTHER);
			expect(foreign.status).toBe(401);
			expect(foreign.result.workflowData).toBeUndefined();
		},
	);

	it.each(samples.map((s) => [s.name, s] as const))(
		'%s: freshness (issue 22 #4) — runs 47 h 59 min after its time, not when replayed 48 h 1 s after it (unless it has no time the rule reads)',
		async (_name, sample) => {
			await expectFreshness(
				deliver,
				fresh,
				Buffer.from(JSON.stringify(sample.webhook)),
				SAMPLE_CLIENT_ID,
			);
		},
	);

	it.each([...new Set(samples.map((s) => s.provider.label))])(
		'a batch of every %s event type: one item per event, in order',
		async (label) => {
			const batch = samples.filter((s) => s.provider.label === label).map((s) => s.webhook);
			const call = await deliver(Buffer.from(JSON.stringify(batch)), SAMPLE_CLIENT_ID);
			expect(call.status).toBe(200);
			expect(call.result.workflowData?.[0].map((item) => item.json)).toEqual(batch);
		},
	);
});
