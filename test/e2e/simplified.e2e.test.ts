/**
 * Output → Simplified in a real n8n (2.x, and 1.x with N8N_VERSION=1.123.81): new nodes (Watch Events 2,
 * Journal Trigger 1.1) saved without an Output parameter deliver flat Simplified items, for events of the
 * emulator catalogue in every envelope Adobe uses — one Watch Events delivery per envelope kind
 * (CloudEvent, Marketo's wrapper with the recipient at the top and inside `event`, in a batch; Commerce's
 * partial envelope; an Adobe pipeline message; an XDM activity; a legacy object) and journal entries
 * (CloudEvents, the partial envelope, bare XDM). The expected item of a delivery is simplifyEvent() of
 * the exact body Adobe (the emulator) sent, read from its delivery traces.
 */
import { publishWatchEvents, triggerParameters } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl, EmulatorRegistration } from '../../scripts/n8n/emulator-control';
import { outputItems, type N8nCredentialRef, type N8nExecution } from '../../scripts/n8n/n8n-api';
import type { Stack } from '../../scripts/n8n/stack';
import { JOURNAL_NAME, TRIGGER_NAME, journalWorkflow } from '../../scripts/n8n/workflows';
import { simplifyEvent } from '../../nodes/AdobeIoEvents/webhook/simplify';
import { PROVIDERS } from '../emulator/src/catalogue';
import { catalogueSamples } from '../emulator/src/samples';
import { eventually, failureOf, sleep, startE2eStackWithCredential } from './helpers';

const providerId = (label: string): string => {
	const provider = PROVIDERS.find((p) => p.label.startsWith(label));
	if (!provider) throw new Error(`no catalogue provider ${label}`);
	return provider.id;
};

/** One Watch Events workflow per provider; the event types each one receives, and the envelope they come in. */
const WATCHED: Array<{ provider: string; codes: string[]; envelopes: string; batch?: boolean }> = [
	{
		provider: 'Creative Cloud Asset Events',
		codes: ['com.adobe.platform.events.file_created'],
		envelopes: 'CloudEvent',
	},
	{
		provider: 'Marketo Engage',
		codes: [
			'com.adobe.platform.marketo.audit.user.email',
			'com.adobe.platform.marketo.audit.user.login',
			'com.adobe.platform.marketo.activity.standard.changesegment',
		],
		envelopes: 'Marketo wrapper (recipient at the top / inside event) and a CloudEvent, batched',
		batch: true,
	},
	{
		provider: 'Commerce',
		codes: [
			'com.adobe.commerce.observer.sales_order_place_after',
			'com.adobe.commerce.observer.catalog_product_save_after',
		],
		envelopes: 'CloudEvent with data first and deprecated ids; the partial {event: {data}}',
	},
	{
		provider: 'Cloud Manager',
		codes: ['pipeline_execution_end'],
		envelopes: '{event_id, event: <XDM activity>}',
	},
	{
		provider: 'Photoshop and Lightroom APIs',
		codes: ['photoshop-job-status'],
		envelopes: '{event_id, event: <pipeline message>}',
	},
	{
		provider: 'Experience Platform',
		codes: ['sources_flow_run_failure'],
		envelopes: '{event_id, event: <plain object>}',
	},
];

describe('Output → Simplified in a real n8n', () => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let credential: N8nCredentialRef;

	beforeAll(async () => {
		({ stack, ctl, credential } = await startE2eStackWithCredential());
	});

	afterAll(async () => {
		await stack?.stop();
	});

	const succeeded = (executions: N8nExecution[]) =>
		executions.map((e) => ({
			status: e.status,
			failure: e.status === 'success' ? '' : failureOf(e),
		}));

	it.each(WATCHED)(
		'Watch Events 2, no Output saved: $provider ($envelopes) → one Simplified item per event',
		async ({ provider, codes, batch }) => {
			const parameters: Record<string, unknown> = {
				...triggerParameters({
					providerId: { __rl: true, mode: 'id', value: providerId(provider) },
					eventCodes: codes,
				}),
				...(batch ? { deliveryType: 'webhook_batch' } : {}),
			};
			parameters.output = undefined; // as the editor saves a new node: no Output, its default (dropped from the JSON)
			const published = await publishWatchEvents(stack, {
				name: `simplified ${provider}`,
				credential,
				typeVersion: 2,
				withSetNode: false,
				parameters,
			});
			const emitted: string[] = [];
			for (const eventCode of codes) {
				const result = await ctl.emit({
					eventCode,
					providerId: providerId(provider),
					registrationId: published.registration.registration_id,
					wait: !batch,
				});
				emitted.push(...result.event_ids);
			}
			await ctl.idle(60000);
			const traces = await eventually('the deliveries in the emulator’s traces', async () => {
				const found = (await ctl.traces(published.registration.registration_id)).filter(
					(t) => t.event !== 'challenge' && t.trace.tracingResponse.responseCode === 200,
				);
				return found.length > 0 ? found : undefined;
			});
			// every event Adobe delivered (a batch body is an array of events)
			const delivered = traces.flatMap((t) => {
				const body = JSON.parse(t.trace.tracingRequest.requestBody) as unknown;
				return Array.isArray(body) ? body : [body];
			});
			expect(delivered).toHaveLength(codes.length);
			const executions = await stack.client.waitForExecutions(published.workflowId, traces.length, {
				timeoutMs: 60000,
			});
			expect(succeeded(executions)).toEqual(
				executions.map(() => ({ status: 'success', failure: '' })),
			);
			const items = executions.flatMap((execution) => outputItems(execution, TRIGGER_NAME));
			expect(items).toHaveLength(delivered.length);
			expect(new Set(items.map((item) => JSON.stringify(item)))).toEqual(
				new Set(delivered.map((event) => JSON.stringify(simplifyEvent(event)))),
			);
			for (const item of items) expect(Object.keys(item).length).toBeLessThanOrEqual(12);
			// Adobe's event id is the item's eventId (Commerce's partial envelope carries none)
			expect(
				items
					.map((item) => item.eventId)
					.filter((id) => id !== null)
					.sort(),
			).toEqual(
				emitted
					.filter((_id, i) => codes[i] !== 'com.adobe.commerce.observer.catalog_product_save_after')
					.sort(),
			);
			await stack.client.takeOffline(published.workflowId);
		},
	);

	/** The Simplified item of a catalogue event type as journaled, with this emission's id and time. */
	function expectedFromJournal(
		provider: string,
		code: string,
		eventId: string,
	): Record<string, unknown> {
		const sample = catalogueSamples({ imsOrgId: stack.emulator!.credentials.imsOrgId }).find(
			(s) => s.provider.id === providerId(provider) && s.event.event_code === code,
		)!;
		const item = simplifyEvent(sample.journal);
		return {
			...item,
			eventId: item.eventId === null ? null : eventId,
			time:
				item.time === null
					? null
					: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		};
	}

	it.each([
		{
			provider: 'Commerce',
			codes: [
				'com.adobe.commerce.observer.sales_order_place_after',
				'com.adobe.commerce.observer.catalog_product_save_after',
			],
		},
		{ provider: 'Cloud Manager', codes: ['pipeline_execution_end'] },
	])(
		'Journal Trigger 1.1, no Output saved: $provider journal entries → Simplified items',
		async ({ provider, codes }) => {
			await ctl.config({ journalRetryAfterSec: 1 });
			const created = await stack.client.createWorkflow(
				journalWorkflow({
					name: `simplified journal ${provider}`,
					credential,
					typeVersion: 1.1,
					withSetNode: false,
					parameters: {
						authentication: 'serviceAccount',
						registrationSource: 'create',
						providerId: { __rl: true, mode: 'id', value: providerId(provider) },
						eventCodes: codes,
						startFrom: 'oldest',
						options: {},
						pollTimes: { item: [{ mode: 'everyMinute' }] },
					},
				}),
			);
			await stack.client.makeLive(created.id);
			const owned = await eventually<EmulatorRegistration>(
				'the journal trigger’s own registration',
				async () =>
					(await ctl.registrations()).find(
						(r) =>
							r.delivery_type === 'journal' &&
							r.events_of_interest.every((e) => codes.includes(e.event_code)),
					),
			);
			const expected: Array<Record<string, unknown>> = [];
			for (const eventCode of codes) {
				const [id] = (
					await ctl.emit({
						eventCode,
						providerId: providerId(provider),
						registrationId: owned.registration_id,
					})
				).event_ids;
				expected.push(expectedFromJournal(provider, eventCode, id));
			}
			// making it live again polls at once
			await sleep(1200);
			await stack.client.takeOffline(created.id);
			await stack.client.makeLive(created.id);
			const [execution] = await stack.client.waitForExecutions(created.id, 1, { timeoutMs: 30000 });
			expect(succeeded([execution])).toEqual([{ status: 'success', failure: '' }]);
			expect(outputItems(execution, JOURNAL_NAME)).toEqual(expected);
			await stack.client.takeOffline(created.id);
		},
	);
});
