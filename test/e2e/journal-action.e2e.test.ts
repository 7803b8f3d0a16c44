/**
 * The journal polling trigger and the action node in a real n8n (public API + emulator control API;
 * assertions on n8n's executions and the emulator's state only).
 */
import { CC_EVENT_CODES, CC_PROVIDER_ID } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl, EmulatorRegistration } from '../../scripts/n8n/emulator-control';
import { outputItems, type N8nCredentialRef } from '../../scripts/n8n/n8n-api';
import type { Stack } from '../../scripts/n8n/stack';
import { JOURNAL_NAME, MANUAL_NAME, actionWorkflow, journalWorkflow } from '../../scripts/n8n/workflows';
import { eventually, failureOf, sleep, startE2eStackWithCredential } from './helpers';

describe('journal trigger and action node in a real n8n', () => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let credential: N8nCredentialRef;

	/** journal requests the emulator received (observed, not changed): proof that a poll happened */
	let journalReads = 0;

	beforeAll(async () => {
		({ stack, ctl, credential } = await startE2eStackWithCredential());
		const faults = stack.emulator!.core.faults;
		const apply = faults.apply.bind(faults);
		faults.apply = (...args: Parameters<typeof faults.apply>) => {
			if (args[0] === 'journal') journalReads++;
			return apply(...args);
		};
	});

	afterAll(async () => {
		await stack?.stop();
	});


	it('journal trigger: drains the journal into executions, resumes from its cursor, never repeats', async () => {
		const eventCode = CC_EVENT_CODES[2];
		// The trigger honours the journal's retry-after (Adobe: after an empty page); keep it short so the
		// immediate poll of each re-activation is allowed to read.
		await ctl.config({ journalRetryAfterSec: 1 });
		const makeLiveAgain = async (): Promise<void> => {
			await sleep(1200);
			await stack.client.takeOffline(created.id);
			await stack.client.makeLive(created.id);
		};
		const created = await stack.client.createWorkflow(
			journalWorkflow({
				name: 'e2e journal',
				credential,
				parameters: {
					authentication: 'serviceAccount',
					registrationSource: 'create',
					providerId: { __rl: true, mode: 'id', value: CC_PROVIDER_ID },
					eventCodes: [eventCode],
					startFrom: 'oldest',
					output: 'full',
					options: {},
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				},
			}),
		);
		// Making it live runs one poll right away: it creates the node's own journal registration (no events yet).
		await stack.client.makeLive(created.id);
		const owned = await eventually<EmulatorRegistration>('the journal trigger’s own registration', async () =>
			(await ctl.registrations()).find((r) => r.events_of_interest.some((e) => e.event_code === eventCode)),
		);
		expect(owned.delivery_type).toBe('journal');

		const first = await ctl.emit({ eventCode, count: 7, registrationId: owned.registration_id, wait: true });
		// Making it live again polls immediately (no need to wait for the minute).
		await makeLiveAgain();
		const [drained] = await stack.client.waitForExecutions(created.id, 1, { timeoutMs: 20000 });
		expect(drained.status).toBe('success');
		expect(outputItems(drained, JOURNAL_NAME).map((item) => item.eventid ?? item.event_id)).toEqual(first.event_ids);

		const second = await ctl.emit({ eventCode, count: 3, registrationId: owned.registration_id, wait: true });
		await makeLiveAgain();
		const executions = await stack.client.waitForExecutions(created.id, 2, { timeoutMs: 20000 });
		expect(outputItems(executions[1], JOURNAL_NAME).map((item) => item.eventid ?? item.event_id)).toEqual(second.event_ids);

		// Nothing new → the next poll starts no execution; still exactly the one owned registration. The poll
		// is seen reading the journal, then n8n's execution list must settle with no new execution.
		const readsBefore = journalReads;
		await makeLiveAgain();
		await eventually('the poll after making it live again to read the journal', async () => (journalReads > readsBefore ? true : undefined));
		expect(await stack.client.settledExecutions(created.id, { quietMs: 1000 })).toHaveLength(2);
		expect((await ctl.registrations()).filter((r) => r.events_of_interest.some((e) => e.event_code === eventCode))).toHaveLength(1);
		await stack.client.takeOffline(created.id);
	});

	it('action node: provider → event type → registration → publish → journal → delete, inside one workflow', async () => {
		const providerRef = { __rl: true, mode: 'id', value: "={{ $('Create Provider').item.json.id }}" };
		const eventCode = 'com.example.e2e.order_placed';
		const created = await stack.client.createWorkflow(
			actionWorkflow({
				name: 'e2e actions',
				credential,
				steps: [
					{
						name: 'Create Provider',
						parameters: { resource: 'provider', operation: 'create', label: 'E2E Orders', additionalFields: {} },
					},
					{
						name: 'Create Event Type',
						parameters: {
							resource: 'eventMetadata',
							operation: 'create',
							providerId: providerRef,
							eventCode,
							label: 'Order placed',
							description: 'An order was placed',
							additionalFields: {},
						},
					},
					{
						name: 'Create Registration',
						parameters: {
							resource: 'registration',
							operation: 'create',
							name: 'E2E order journal',
							deliveryType: 'journal',
							providerId: providerRef,
							eventCodes: [eventCode],
							additionalFields: {},
						},
					},
					{
						name: 'Publish Event',
						parameters: {
							resource: 'event',
							operation: 'publish',
							providerId: providerRef,
							eventCode,
							data: '{"orderId": 42, "total": 99.5}',
							options: {},
						},
					},
					{
						name: 'Read Journal',
						parameters: {
							resource: 'journal',
							operation: 'getEvents',
							registrationId: {
								__rl: true,
								mode: 'id',
								value: "={{ $('Create Registration').item.json.registration_id }}",
							},
							startFrom: 'oldest',
							limit: 50,
							split: true,
						},
					},
					{
						name: 'Delete Registration',
						parameters: {
							resource: 'registration',
							operation: 'delete',
							registrationId: {
								__rl: true,
								mode: 'id',
								value: "={{ $('Create Registration').item.json.registration_id }}",
							},
						},
					},
				],
			}),
		);
		const executionId = await stack.client.executeManualTrigger(created.id, MANUAL_NAME);
		const execution = await stack.client.waitForExecution(executionId, 60000);
		expect({ status: execution.status, failure: execution.status === 'success' ? '' : failureOf(execution) }).toEqual({
			status: 'success',
			failure: '',
		});
		expect(outputItems(execution, MANUAL_NAME)).toHaveLength(1);

		const [provider] = outputItems(execution, 'Create Provider');
		expect(provider).toMatchObject({ label: 'E2E Orders' });
		const [eventType] = outputItems(execution, 'Create Event Type');
		expect(eventType).toMatchObject({ event_code: eventCode });
		const [registration] = outputItems(execution, 'Create Registration');
		expect(registration).toMatchObject({ name: 'E2E order journal', delivery_type: 'journal' });
		const journal = outputItems(execution, 'Read Journal');
		expect(journal).toHaveLength(1);
		expect(JSON.stringify(journal[0])).toContain('"orderId":42');
		expect(outputItems(execution, 'Delete Registration')).toHaveLength(1);

		// The emulator agrees: the provider exists, the registration is gone again.
		const registrations = await ctl.registrations();
		expect(registrations.find((r) => r.registration_id === registration.registration_id)).toBeUndefined();
		expect(execution.mode).toBe('manual');
	});
	it("action node: Adobe's refusal reaches the user with its status and Adobe's words (n8n 1.x keeps no wrapped error)", async () => {
		const created = await stack.client.createWorkflow(
			actionWorkflow({
				name: 'e2e refusal',
				credential,
				steps: [
					{
						name: 'Get Registration',
						parameters: {
							resource: 'registration',
							operation: 'get',
							registrationId: { __rl: true, mode: 'id', value: 'no-such-registration-0000' },
						},
					},
				],
			}),
		);
		const execution = await stack.client.waitForExecution(await stack.client.executeManualTrigger(created.id, MANUAL_NAME), 60000);
		expect(execution.status).toBe('error');
		const failure = failureOf(execution);
		// The status Adobe answered and its own words, not a generic "check the credential" text.
		expect(failure).toContain('"httpCode":"404"');
		expect(failure).toMatch(/no-such-registration-0000/);
		expect(failure).not.toMatch(/fix the field named in the message/);
	});
});
