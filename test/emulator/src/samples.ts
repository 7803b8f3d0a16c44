/**
 * Every event type of the seeded catalogue as a registration receives it — webhook body element and
 * journal entry — with fixed ids and time, so tests can state the expected result by hand. Built with the
 * same functions the running emulator uses (shapes.ts).
 */
import { PROVIDERS, type SeedEvent, type SeedProvider } from './catalogue';
import { deliveredPayloads, providerEvent } from './shapes';

/** 2026-01-15T09:41:07.123Z: the time every catalogue sample is emitted at here. */
export const SAMPLE_TIME = Date.UTC(2026, 0, 15, 9, 41, 7, 123);
export const SAMPLE_CLIENT_ID = 'e7a1c0de5eed4b0f9a1b2c3d4e5f6a7b';
export const SAMPLE_IMS_ORG = '0A1B2C3D4E5F60718293A4B5@AdobeOrg';

export interface CatalogueSample {
	provider: SeedProvider;
	event: SeedEvent;
	/** `<provider label> / <event code>` */
	name: string;
	/** Adobe's event id given to it: `evt-<event code>` */
	eventid: string;
	/** the CloudEvent id given to it: `ce-<event code>` */
	cloudEventId: string;
	/** the webhook body element (a `webhook` delivery's whole body) */
	webhook: Record<string, unknown>;
	/** the journal entry's `event` */
	journal: Record<string, unknown>;
}

export function catalogueSamples(
	options: { clientId?: string; imsOrgId?: string; now?: number } = {},
): CatalogueSample[] {
	const clientId = options.clientId ?? SAMPLE_CLIENT_ID;
	const org = options.imsOrgId ?? SAMPLE_IMS_ORG;
	const sub = <T>(value: T): T =>
		JSON.parse(JSON.stringify(value).split('IMSORG@AdobeOrg').join(org)) as T;
	const samples: CatalogueSample[] = [];
	for (const provider of PROVIDERS) {
		for (const event of provider.events) {
			const eventid = `evt-${event.event_code}`;
			const cloudEventId = `ce-${event.event_code}`;
			const base = providerEvent({
				providerId: provider.id,
				format: provider.event_delivery_format,
				eventCode: event.event_code,
				sample: sub(event.sample),
				attributes: event.attributes ? sub(event.attributes) : undefined,
				shape: event.shape,
				now: options.now ?? SAMPLE_TIME,
				id: cloudEventId,
			});
			const payloads = deliveredPayloads(
				provider.event_delivery_format,
				base,
				event.shape ?? {},
				eventid,
				clientId,
			);
			samples.push({
				provider,
				event,
				name: `${provider.label} / ${event.event_code}`,
				eventid,
				cloudEventId,
				...payloads,
			});
		}
	}
	return samples;
}
