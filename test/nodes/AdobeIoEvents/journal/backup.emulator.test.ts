/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, waits with setTimeout */
/**
 * The Journal Trigger backing up the Watch Events trigger of its workflow (Registration → "The Watch
 * Events Trigger in This Workflow"), against the emulator over real HTTP: the trigger's lifecycle
 * creates its registration (Adobe's challenge reaches webhook() through a real receiver) and publishes
 * the link in the workflow's global static data; Adobe delivers signed events to webhook() (which marks
 * them in the trigger's de-duplication window, in this process's DeliveryRuntime); the Journal Trigger
 * polls with n8n's real PollContext, in a workflow where both triggers feed the same next node.
 * `deliveryRuntime.reset()` is an n8n restart (a new process: the window and the position after the
 * last batch are gone; static data is what n8n saved).
 */
import type { IDataObject, INode, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AdobeIoEventsJournalTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node';
import { AdobeIoEventsTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';
import { WAITING_LIMIT_MS } from '../../../../nodes/AdobeIoEvents/journal/backup';
import { readLinks } from '../../../../nodes/AdobeIoEvents/shared/watchEventsLink';
import { deliveryRuntime } from '../../../../nodes/AdobeIoEvents/trigger/runtime';
import { control } from '../../../emulator/helpers';
import type { HarnessOptions } from '../../../helpers/n8n-context';
import {
	CC_PROVIDER,
	emulatorSetup,
	hook,
	startReceiver,
	WEBHOOK_ID,
	type Receiver,
	type TriggerSetup,
} from '../trigger/harness';
import { afterRetryAfter, poll, start, type Emulator } from './harness';

const CREATED = 'com.adobe.platform.events.file_created';
const TRIGGER = 'Adobe I/O Events Trigger';
const JOURNAL = 'Adobe I/O Events Journal Trigger';
const NEXT = 'Remove Duplicates';
const BACKUP = { registrationSource: 'watchEvents', backupDelay: 0 };

/** A pass-through node type standing for Remove Duplicates. */
const nextType: INodeType = {
	description: {
		displayName: NEXT,
		name: 'next',
		group: ['transform'],
		version: 1,
		description: 'test',
		defaults: { name: NEXT },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
};
const node = (id: string, name: string, type: string, parameters: IDataObject = {}): INode => ({
	id,
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters: parameters as INode['parameters'],
});
const feeds = (...from: string[]) =>
	Object.fromEntries(
		from.map((name) => [
			name,
			{ main: [[{ node: NEXT, type: NodeConnectionTypes.Main, index: 0 }]] },
		]),
	);

/** The workflow seen from the Watch Events trigger (its harness node is the trigger). */
const triggerGraph = (
	journalParameters: IDataObject = BACKUP,
): Pick<HarnessOptions, 'extraNodes' | 'connections'> => ({
	extraNodes: [
		{
			node: node(
				'journal-1',
				JOURNAL,
				'n8n-nodes-adobe-io-events.adobeIoEventsJournalTrigger',
				journalParameters,
			),
			type: new AdobeIoEventsJournalTrigger(),
		},
		{ node: node('next-1', NEXT, 'test.next'), type: nextType },
	],
	connections: feeds(TRIGGER, JOURNAL),
});
/** The same workflow seen from the Journal Trigger, with more Watch Events triggers when asked. */
const journalGraph = (
	connected: string[] = [TRIGGER],
	others: string[] = [],
): Pick<HarnessOptions, 'extraNodes' | 'connections'> => ({
	extraNodes: [
		...[...connected, ...others].map((name, i) => ({
			node: node(`watch-${i}`, name, 'n8n-nodes-adobe-io-events.adobeIoEventsTrigger'),
			type: new AdobeIoEventsTrigger(),
		})),
		{ node: node('next-1', NEXT, 'test.next'), type: nextType },
	],
	connections: feeds(JOURNAL, ...connected),
});

const ids = (items: INodeExecutionData[] | null) =>
	(items ?? []).map((i) => String(i.json.eventid));

describe('Journal Trigger backing up the Watch Events trigger ↔ emulator', () => {
	let emulator: Emulator;
	let receiver: Receiver;
	let current: TriggerSetup;

	const emit = async (count: number, registrationId: string): Promise<string[]> =>
		(
			await control<{ event_ids: string[] }>(emulator, 'POST', '/events', {
				event_code: CREATED,
				provider_id: CC_PROVIDER,
				count,
				registration_id: registrationId,
				wait: true,
			})
		).event_ids;
	const miss = async (count: number, registrationId: string): Promise<string[]> => {
		// Adobe gets 404 (n8n starting up) and drops the events; the journal keeps them
		await control(emulator, 'POST', '/faults', {
			target: 'deliveries',
			status: 404,
			count,
			registration_id: registrationId,
		});
		return await emit(count, registrationId);
	};
	const backupPoll = async (
		staticData: IDataObject,
		options: {
			global?: IDataObject;
			graph?: Pick<HarnessOptions, 'extraNodes' | 'connections'>;
			parameters?: IDataObject;
			mode?: 'trigger' | 'manual';
		} = {},
	) =>
		await poll(emulator, { ...BACKUP, ...options.parameters }, staticData, {
			globalStaticData: options.global ?? current.globalStaticData,
			...(options.graph ?? journalGraph()),
			mode: options.mode,
		});

	beforeAll(async () => {
		emulator = await start();
		receiver = await startReceiver(() => current);
	});
	afterAll(async () => {
		await control(emulator, 'POST', '/reset', {});
		await receiver.close();
		await emulator.close();
	});
	beforeEach(async () => {
		await control(emulator, 'POST', '/clock', { mode: 'real' });
		await control(emulator, 'POST', '/reset', {});
		deliveryRuntime.reset();
		receiver.executions.length = 0;
		current = emulatorSetup(
			emulator,
			receiver.url,
			{ eventCodes: [CREATED], options: { sendSampleEvent: false } },
			{ globalStaticData: {}, ...triggerGraph() },
		);
	});

	it('hands over exactly what the webhook missed; a restart hands the last batch over again', async () => {
		const before = Date.now();
		await hook(current).activate();
		const [link] = readLinks(current.globalStaticData);
		const registrationId = String(current.staticData.registrationId);
		expect(link).toEqual({
			nodeKey: 'node-1',
			nodeName: TRIGGER,
			registrationId,
			urls: [
				`${receiver.url}webhook/${WEBHOOK_ID}/webhook`,
				`${receiver.url}webhook/${WEBHOOK_ID}/webhook-finished`,
			],
			createdAt: expect.any(Number),
		});
		expect(link.createdAt).toBeGreaterThanOrEqual(before);

		const delivered = await emit(3, registrationId);
		const missed = await miss(2, registrationId);
		expect(receiver.executions.flat().map((i) => String(i.json.eventid))).toEqual(delivered);

		// A registration the trigger has just created is read from its start; the webhook's window drops what it ran.
		const first = await backupPoll({});
		expect(ids(first.items)).toEqual(missed);
		// An Adobe retry of a handed-over event is now a duplicate for the webhook too (same window).
		// Same process: nothing again.
		const again = await backupPoll(afterRetryAfter(first.staticData));
		expect(again.items).toBeNull();

		// n8n restarts: the saved position lies before the last batch, so that batch comes again (Remove
		// Duplicates drops what had finished; what died with n8n runs). The window is empty now.
		deliveryRuntime.reset();
		const restarted = await backupPoll(again.staticData);
		expect(ids(restarted.items)).toEqual([...delivered, ...missed]);
		const later = await backupPoll(afterRetryAfter(restarted.staticData));
		expect(later.items).toBeNull();

		// New events: delivered ones are not handed over, missed ones are.
		const delivered2 = await emit(2, registrationId);
		const missed2 = await miss(1, registrationId);
		const next = await backupPoll(afterRetryAfter(later.staticData));
		expect(ids(next.items)).toEqual(missed2);
		expect(delivered2).toHaveLength(2);
	});

	it('saves what the webhook ran (once it is 30 s old) with its position: after a restart neither path runs it again', async () => {
		await hook(current).activate();
		const registrationId = String(current.staticData.registrationId);
		const window = deliveryRuntime.dedupe(`wf-test-1|node-1|prod`);
		const old = await emit(3, registrationId);
		for (const id of old) {
			// the webhook took these a minute ago
			window.forget(`eventid:${id}`);
			window.restore([[`eventid:${id}`, Date.now() - 60_000]]);
		}
		const missed = await miss(1, registrationId);
		const first = await backupPoll({});
		expect(ids(first.items)).toEqual(missed);
		expect(
			((first.staticData.delivered as IDataObject).entries as unknown[]).map(
				(e) => (e as string[])[0],
			),
		).toEqual(old.map((id) => `eventid:${id}`));
		const recent = await emit(2, registrationId);

		deliveryRuntime.reset(); // n8n restarts
		const restarted = await backupPoll(afterRetryAfter(first.staticData));
		// the journal's own last batch and what the webhook took since the save come again; the rest does not
		expect(ids(restarted.items)).toEqual([...missed, ...recent]);
		// and an Adobe retry of an event the webhook ran before the restart is a duplicate for the webhook too
		expect(deliveryRuntime.dedupe(`wf-test-1|node-1|prod`).has(`eventid:${old[0]}`)).toBe(true);
	});

	it('while the webhook delivers everything it saves its position with an execution of no items, at most every minute', async () => {
		await hook(current).activate();
		const registrationId = String(current.staticData.registrationId);
		await emit(2, registrationId);
		const first = await backupPoll({});
		expect(first.items).toBeNull(); // the first position was saved with n8n's activation
		await emit(3, registrationId);
		const soon = await backupPoll(afterRetryAfter(first.staticData));
		expect(soon.items).toBeNull(); // saved less than a minute ago
		await emit(1, registrationId);
		const minuteLater = { ...afterRetryAfter(soon.staticData), savedAt: Date.now() - 61_000 };
		const heartbeat = await poll(emulator, BACKUP, minuteLater, {
			globalStaticData: current.globalStaticData,
			...journalGraph(),
		});
		expect(heartbeat.items).toEqual([]);
		// n8n restarts from what that execution saved: nothing before it comes again
		deliveryRuntime.reset();
		const restarted = await backupPoll(afterRetryAfter(heartbeat.staticData));
		expect(restarted.items).toBeNull();
		const missed = await miss(1, registrationId);
		expect(ids((await backupPoll(afterRetryAfter(restarted.staticData))).items)).toEqual(missed);
	});

	it('Adobe API calls per poll once running: one journal read when nothing is new, three when events came, a registration lookup when the webhook missed some', async () => {
		// the trade-off in never-miss-an-event.md: at one poll a minute, 60 calls an hour when idle, 180 when
		// events come every minute (fewer than 500 a minute), plus a lookup per poll that hands missed events over
		await hook(current).activate();
		const registrationId = String(current.staticData.registrationId);
		const journal = (requests: string[]) =>
			requests.filter((r) => r.includes('/events/organizations/')).length;
		const first = await backupPoll({});
		await emit(3, registrationId);
		const delivered = await backupPoll(afterRetryAfter(first.staticData));
		const idle = await backupPoll(afterRetryAfter(delivered.staticData));
		const missed = await miss(2, registrationId);
		const handOver = await backupPoll(afterRetryAfter(idle.staticData));
		expect(ids(handOver.items)).toEqual(missed);
		// new events: the scan reads on to the journal's end (one read, one more that finds the end), then one
		// read from the saved position hands over what is due and not yet run (here: nothing, the webhook ran it)
		expect([delivered, idle, handOver].map((p) => journal(p.requests))).toEqual([3, 1, 3]);
		// the webhook missed events → the registration is checked (re-enabled if Adobe disabled it)
		expect(handOver.requests.length - journal(handOver.requests)).toBe(1);
		expect(delivered.requests.length + idle.requests.length).toBe(4);
	});

	it('waits for the Delay (n8n’s clock) before it hands an event over', async () => {
		await hook(current).activate();
		const registrationId = String(current.staticData.registrationId);
		const missed = await miss(2, registrationId);
		const parameters = { backupDelay: 0.05 }; // 3 s
		const first = await backupPoll({}, { parameters });
		expect(first.items).toBeNull(); // seen for the first time now
		await new Promise((resolve) => setTimeout(resolve, 3_100));
		const second = await backupPoll(first.staticData, { parameters });
		expect(ids(second.items)).toEqual(missed);
	});

	it('follows the registration the trigger re-created (its link was still the old one), from the new journal’s start', async () => {
		await hook(current).activate();
		const staleGlobal = JSON.parse(JSON.stringify(current.globalStaticData)) as IDataObject;
		const oldId = String(current.staticData.registrationId);
		await emit(1, oldId);
		const first = await backupPoll({}, { global: staleGlobal });
		expect(first.items).toBeNull();

		// Deleted outside n8n; the next activation re-creates it for the same URL.
		await hook(current).delete();
		expect(readLinks(current.globalStaticData)).toEqual([]);
		await hook(current).activate();
		const newId = String(current.staticData.registrationId);
		expect(newId).not.toBe(oldId);
		const missed = await miss(1, newId);
		await emit(1, newId);

		const followed = await backupPoll(afterRetryAfter(first.staticData), { global: staleGlobal });
		expect(ids(followed.items)).toEqual(missed);
		expect(followed.warnings.join('\n')).toContain(
			`following the one that delivers to its URL now (${newId})`,
		);
		expect((followed.staticData.existing as IDataObject).registrationId).toBe(newId);
	});

	it('waits for the trigger to register (no error while n8n activates), then reports it after 10 minutes', async () => {
		const waiting = await backupPoll({}, { global: {} });
		expect(waiting.items).toBeNull();
		expect(waiting.infos.join('\n')).toContain('waiting for the Adobe I/O Events Trigger');
		expect(typeof waiting.staticData.waitingSince).toBe('number');
		const stale = { ...waiting.staticData, waitingSince: Date.now() - WAITING_LIMIT_MS - 1 };
		await expect(backupPoll(stale, { global: {} })).rejects.toThrow(
			'No Adobe I/O Events Trigger in this workflow has registered with Adobe',
		);
	});

	it('with several Watch Events triggers: the one feeding the same node; none of them → asks which one', async () => {
		await hook(current).activate();
		const registrationId = String(current.staticData.registrationId);
		const global = JSON.parse(JSON.stringify(current.globalStaticData)) as IDataObject;
		const links = global.adobeIoEventsWatchEvents as IDataObject;
		links.other = {
			nodeKey: 'other',
			nodeName: 'Other Trigger',
			registrationId: 'not-this-one',
			urls: ['https://elsewhere.example/webhook/x/webhook'],
		};
		const missed = await miss(1, registrationId);
		const chosen = await backupPoll(
			{},
			{ global, graph: journalGraph([TRIGGER], ['Other Trigger']) },
		);
		expect(ids(chosen.items)).toEqual(missed);
		await expect(
			backupPoll({}, { global, graph: journalGraph([], [TRIGGER, 'Other Trigger']) }),
		).rejects.toThrow(
			'This workflow has several Adobe I/O Events Triggers ("Adobe I/O Events Trigger", "Other Trigger")',
		);
	});

	it('"Fetch Test Event" samples the linked journal and saves nothing; before the workflow is live it says to publish it', async () => {
		await expect(backupPoll({}, { global: {}, mode: 'manual' })).rejects.toThrow(
			'The Adobe I/O Events Trigger of this workflow has no registration yet',
		);
		await hook(current).activate();
		const delivered = await emit(2, String(current.staticData.registrationId));
		const sample = await backupPoll({}, { mode: 'manual' });
		expect(ids(sample.items)).toEqual(delivered);
		expect(sample.staticData).toEqual({});
	});

	it('the trigger publishes its link in production only, keeps the creation time when it adopts, withdraws it with the registration', async () => {
		await hook(current, { isTest: true }).activate();
		expect(readLinks(current.globalStaticData)).toEqual([]);
		await hook(current).activate();
		const [created] = readLinks(current.globalStaticData);
		// n8n restarts: checkExists adopts the stored registration
		await hook(current).activate();
		expect(readLinks(current.globalStaticData)).toEqual([created]);
		await hook(current).delete();
		expect(current.globalStaticData).toEqual({});
		await hook(current, { isTest: true }).delete();
	});

	it('after a restart with the registration DISABLED (n8n 2.x runs no webhook hook then), the Journal Trigger re-enables it and logs how long Adobe did not deliver', async () => {
		await control(emulator, 'POST', '/clock', { mode: 'manual' });
		await hook(current).activate();
		const registrationId = String(current.staticData.registrationId);
		const delivered = await emit(1, registrationId);
		const first = await backupPoll({});
		receiver.failPostWith = 503; // n8n down
		const notDelivered = await emit(2, registrationId);
		await control(emulator, 'POST', '/clock/advance', { minutes: 90 });
		await control(emulator, 'PATCH', `/registrations/${registrationId}`, { health: 'DISABLED' });
		receiver.failPostWith = undefined;

		deliveryRuntime.reset(); // n8n restarts; only the polling trigger runs
		const restarted = await backupPoll(afterRetryAfter(first.staticData));
		const state = await control(emulator, 'GET', `/registrations/${registrationId}`);
		expect({ health: state.health, webhook_status: state.webhook_status }).toEqual({
			health: 'ACTIVE',
			webhook_status: 'verified',
		});
		expect(restarted.warnings.join('\n')).toMatch(
			new RegExp(
				`registration ${registrationId} was DISABLED by Adobe \\(webhook_status hook_unreachable, enabled false\\); n8n re-enabled it\\. Adobe did not deliver for about 1 h 3[0-9] min \\(Adobe's last successful delivery: \\S+\\)\\. Events Adobe did not deliver meanwhile stay in the registration's journal for 7 days: this Journal Trigger \\("${JOURNAL}"\\) hands them over`,
			),
		);
		// what lies after the saved position comes again (Remove Duplicates drops the one that ran)
		expect(ids(restarted.items)).toEqual([...delivered, ...notDelivered]);
		// re-enabled: no second report at the next poll
		const next = await backupPoll(afterRetryAfter(restarted.staticData));
		expect(next.warnings.filter((w) => w.includes('DISABLED'))).toEqual([]);
	});

	it('finding its registration DISABLED, the trigger re-enables it and says how long Adobe did not deliver and that the Journal Trigger covers it', async () => {
		await control(emulator, 'POST', '/clock', { mode: 'manual' });
		await hook(current).activate();
		const registrationId = String(current.staticData.registrationId);
		await emit(1, registrationId);
		receiver.failPostWith = 503; // n8n down: Adobe's attempts fail and are retried
		await emit(2, registrationId);
		await control(emulator, 'POST', '/clock/advance', { minutes: 90 }); // retries at +1, +2, +4, +8, +15 … min
		await control(emulator, 'PATCH', `/registrations/${registrationId}`, { health: 'DISABLED' });
		receiver.failPostWith = undefined;

		const h = hook(current);
		const warnings: string[] = [];
		jest.spyOn(h.context.logger, 'warn').mockImplementation((message: string) => {
			warnings.push(message);
		});
		await h.activate();
		const state = await control(emulator, 'GET', `/registrations/${registrationId}`);
		expect({ health: state.health, enabled: state.enabled }).toEqual({
			health: 'ACTIVE',
			enabled: true,
		});
		const report = warnings.find((w) => w.includes('was DISABLED by Adobe'));
		expect(report).toMatch(
			new RegExp(
				`registration ${registrationId} was DISABLED by Adobe \\(webhook_status hook_unreachable, enabled false\\); n8n re-enabled it\\. Adobe did not deliver for about 1 h 3[0-9] min \\(Adobe's last successful delivery: \\S+\\)\\. Events Adobe did not deliver meanwhile stay in the registration's journal for 7 days: the Journal Trigger "${JOURNAL}" of this workflow hands them over`,
			),
		);

		// Without a Journal Trigger backing it up, the log says what to add.
		await control(emulator, 'PATCH', `/registrations/${registrationId}`, { health: 'DISABLED' });
		const alone = hook({ ...current, ...triggerGraph({ registrationSource: 'existing' }) });
		const aloneWarnings: string[] = [];
		jest.spyOn(alone.context.logger, 'warn').mockImplementation((message: string) => {
			aloneWarnings.push(message);
		});
		await alone.activate();
		expect(aloneWarnings.join('\n')).toContain(
			'and nothing in this workflow reads it: add an Adobe I/O Events Journal Trigger with Registration "The Watch Events Trigger in This Workflow"',
		);
	});
});
