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
import { deliveryHarness } from './signedDeliveries';

const OURS = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const ANOTHER = 'ffffeeeeddddccccbbbbaaaa99998888';

const real = loadRealEvents();

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
