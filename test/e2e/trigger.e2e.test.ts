/**
 * Watch Events trigger in a real n8n, driven through n8n's public API and the emulator's control API.
 * Assertions use n8n's executions API and the emulator's registrations / delivery log only.
 *
 * The tests of this file run in order on one n8n + emulator and build on each other (live →
 * deliveries → forged → restart → live again → test listening → not live). "Live" is what n8n 2.x
 * calls published and n8n 1.x active; the client maps it (N8nClient.makeLive / takeOffline). They run
 * once per trigger typeVersion (1: existing workflows; 1.1: new nodes), each time on a fresh n8n.
 */
import { CC_EVENT_CODES, publishWatchEvents, triggerParameters, waitForRegistrations, oneVerified } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl } from '../../scripts/n8n/emulator-control';
import { outputItems, type N8nCredentialRef } from '../../scripts/n8n/n8n-api';
import type { Stack } from '../../scripts/n8n/stack';
import { SET_NAME, TRIGGER_NAME, TRIGGER_VERSIONS, watchEventsWorkflow, webhookUrls } from '../../scripts/n8n/workflows';
import { eventually, sleep, startE2eStackWithCredential } from './helpers';

describe.each(TRIGGER_VERSIONS)('Watch Events trigger (typeVersion %s) in a real n8n', (typeVersion) => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let credential: N8nCredentialRef;
	let single: Awaited<ReturnType<typeof publishWatchEvents>>;

	beforeAll(async () => {
		({ stack, ctl, credential } = await startE2eStackWithCredential());
	});

	afterAll(async () => {
		await stack?.stop();
	});

	const executionsOf = async (workflowId: string) =>
		(await stack.client.listExecutions(workflowId, { includeData: true })).sort((a, b) => Number(a.id) - Number(b.id));

	it('live workflow → exactly one verified registration at Adobe for the production URL', async () => {
		single = await publishWatchEvents(stack, { name: 'e2e single', credential, typeVersion });
		const published = await stack.client.getWorkflow(single.workflowId);
		expect(published.nodes.find((node) => node.name === TRIGGER_NAME)?.typeVersion).toBe(typeVersion);
		const all = await ctl.registrations();
		expect(all).toHaveLength(1);
		expect(all[0]).toMatchObject({
			registration_id: single.registration.registration_id,
			webhook_url: single.productionUrl,
			webhook_status: 'verified',
			enabled: true,
			delivery_type: 'webhook',
		});
		expect(all[0].events_of_interest.map((e) => e.event_code).sort()).toEqual([...CC_EVENT_CODES].sort());
		// n8n's registration answered Adobe's challenge (the route existed while create() was in flight).
		expect(all[0].challenge?.ok).toBe(true);
	});

	it('signed single deliveries → one execution per event, with the event as the item', async () => {
		const emitted: string[] = [];
		for (const eventCode of CC_EVENT_CODES) {
			const result = await ctl.emit({ eventCode, wait: true });
			expect(result.webhook_deliveries).toBe(1);
			emitted.push(...result.event_ids);
		}
		const deliveries = await ctl.deliveries({ registrationId: single.registration.registration_id });
		expect(deliveries.map((d) => [d.status, d.outcome, d.batch_size])).toEqual(emitted.map(() => [200, 'delivered', 1]));

		const executions = await stack.client.waitForExecutions(single.workflowId, emitted.length);
		expect(executions).toHaveLength(emitted.length);
		executions.forEach((execution, index) => {
			expect(execution.status).toBe('success');
			expect(execution.mode).toBe('webhook');
			const items = outputItems(execution, TRIGGER_NAME);
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ eventid: emitted[index], type: CC_EVENT_CODES[index], specversion: '1.0' });
			const summary = outputItems(execution, SET_NAME);
			expect(summary[0].summary).toBe(`${CC_EVENT_CODES[index]} (${String(items[0].id)})`);
		});
	});

	it('signed batch deliveries → executions whose items are exactly the batched events', async () => {
		// An event type only this workflow watches (25 single deliveries at once to the other workflow
		// would only measure how fast n8n is on this machine).
		const copied = 'com.adobe.platform.events.file_copied';
		const batch = await publishWatchEvents(stack, {
			name: 'e2e batch',
			credential,
			typeVersion,
			parameters: { deliveryType: 'webhook_batch', eventCodes: [copied] },
		});
		expect(batch.registration.delivery_type).toBe('webhook_batch');
		const result = await ctl.emit({ eventCode: copied, count: 25, wait: true });
		expect(result.registrations).toBe(1);

		const deliveries = await ctl.deliveries({ registrationId: batch.registration.registration_id });
		expect(deliveries.map((d) => d.batch_size).sort((a, b) => b - a)).toEqual([20, 5]);
		expect(deliveries.every((d) => d.status === 200 && d.outcome === 'delivered')).toBe(true);

		const executions = await stack.client.waitForExecutions(batch.workflowId, 2);
		expect(executions).toHaveLength(2);
		const itemCounts = executions.map((e) => outputItems(e, TRIGGER_NAME).length).sort((a, b) => b - a);
		expect(itemCounts).toEqual([20, 5]);
		const received = executions.flatMap((e) => outputItems(e, TRIGGER_NAME).map((item) => item.eventid));
		expect(new Set(received)).toEqual(new Set(result.event_ids));
		// The Set node ran once per item.
		for (const execution of executions) {
			expect(outputItems(execution, SET_NAME)).toHaveLength(outputItems(execution, TRIGGER_NAME).length);
		}
		await stack.client.takeOffline(batch.workflowId);
		await waitForRegistrations(ctl, batch.productionUrl, (list) => list.length === 0);
	});

	it('forged deliveries → 401 and no execution', async () => {
		const before = (await stack.client.settledExecutions(single.workflowId)).length;
		const genuine = await ctl.sign({
			event: {
				specversion: '1.0',
				id: 'forged-1',
				source: `urn:uuid:${single.registration.events_of_interest[0].provider_id ?? 'x'}`,
				type: CC_EVENT_CODES[0],
				datacontenttype: 'application/json',
				data: { amount: 10 },
			},
		});
		const post = async (body: string, headers: Record<string, string>): Promise<number> => {
			const response = await fetch(single.productionUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/cloudevents+json', ...headers },
				body,
			});
			await response.arrayBuffer();
			return response.status;
		};
		// Tampered body, genuine signature headers.
		expect(await post(genuine.body.replace('"amount":10', '"amount":99999'), genuine.headers)).toBe(401);
		// No signatures at all.
		expect(await post(genuine.body, {})).toBe(401);
		// Signatures swapped between the two keys.
		const swapped = {
			...genuine.headers,
			'x-adobe-digital-signature-1': genuine.headers['x-adobe-digital-signature-2'],
			'x-adobe-digital-signature-2': genuine.headers['x-adobe-digital-signature-1'],
		};
		expect(await post(genuine.body, swapped)).toBe(401);
		// The genuine one is accepted — the three rejections above were not a broken route.
		expect(await post(genuine.body, genuine.headers)).toBe(200);
		const after = await stack.client.waitForExecutions(single.workflowId, before + 1);
		expect(await stack.client.settledExecutions(single.workflowId)).toHaveLength(before + 1);
		expect(outputItems(after[after.length - 1], TRIGGER_NAME)[0]).toMatchObject({ id: 'forged-1' });
	});

	it('n8n restart, then making it live again → still exactly one registration, and deliveries keep working', async () => {
		const id = single.registration.registration_id;
		await stack.restartN8n();
		// Startup re-runs checkExists: it must adopt, not duplicate.
		await sleep(3000);
		let regs = await waitForRegistrations(ctl, single.productionUrl, oneVerified);
		expect(regs[0].registration_id).toBe(id);
		expect(await ctl.registrations()).toHaveLength(1);

		// Making the same version live again is a no-op for the trigger.
		await stack.client.makeLive(single.workflowId);
		await sleep(2000);
		regs = await waitForRegistrations(ctl, single.productionUrl, oneVerified);
		expect(regs[0].registration_id).toBe(id);

		// A changed trigger (one more event type) → n8n deletes + re-creates: still exactly one registration.
		const current = await stack.client.getWorkflow(single.workflowId);
		const nodes = current.nodes.map((node) =>
			node.name === TRIGGER_NAME
				? { ...node, parameters: { ...node.parameters, eventCodes: [...CC_EVENT_CODES, 'com.adobe.platform.events.file_moved'] } }
				: node,
		);
		await stack.client.updateWorkflow(single.workflowId, { name: current.name, nodes, connections: current.connections });
		await stack.client.makeLive(single.workflowId);
		regs = await waitForRegistrations(
			ctl,
			single.productionUrl,
			(list) => oneVerified(list) && list[0].events_of_interest.length === CC_EVENT_CODES.length + 1,
		);
		expect(await ctl.registrations()).toHaveLength(1);

		const before = (await executionsOf(single.workflowId)).length;
		const result = await ctl.emit({ eventCode: 'com.adobe.platform.events.file_moved', wait: true });
		expect(result.webhook_deliveries).toBe(1);
		const executions = await stack.client.waitForExecutions(single.workflowId, before + 1);
		expect(outputItems(executions[executions.length - 1], TRIGGER_NAME)[0].eventid).toBe(result.event_ids[0]);
	});

	it('"Listen for test event" → a separate test registration, removed after the test event', async () => {
		const { workflow, webhookId } = watchEventsWorkflow({
			name: 'e2e listen',
			credential,
			typeVersion,
			triggerParameters: triggerParameters({ eventCodes: [CC_EVENT_CODES[1]], options: { sendSampleEvent: false } }),
		});
		const created = await stack.client.createWorkflow(workflow);
		await stack.client.makeLive(created.id);
		const urls = webhookUrls(stack.webhookBaseUrl, webhookId);
		const [production] = await waitForRegistrations(ctl, urls.production, oneVerified);

		const listening = await stack.client.runManually(created.id, TRIGGER_NAME);
		expect(listening.waitingForWebhook).toBe(true);
		const [testRegistration] = await waitForRegistrations(ctl, urls.test, oneVerified);
		expect(testRegistration.registration_id).not.toBe(production.registration_id);
		expect(testRegistration.name).not.toBe(production.name);

		const result = await ctl.emit({ eventCode: CC_EVENT_CODES[1], registrationId: testRegistration.registration_id, wait: true });
		expect(result.webhook_deliveries).toBe(1);
		const [delivery] = await ctl.deliveries({ registrationId: testRegistration.registration_id });
		expect(delivery).toMatchObject({ status: 200, outcome: 'delivered', url: urls.test });

		// The test execution ran (manual mode) with the event …
		const manual = await eventually('the manual test execution', async () => {
			const list = (await executionsOf(created.id)).filter((e) => e.mode === 'manual' && e.status === 'success');
			return list.length === 1 ? list[0] : undefined;
		});
		expect(outputItems(manual, TRIGGER_NAME)[0].eventid).toBe(result.event_ids[0]);
		// … and n8n ended the test: the test registration is gone, the production one untouched.
		await waitForRegistrations(ctl, urls.test, (list) => list.length === 0);
		const remaining = await waitForRegistrations(ctl, urls.production, oneVerified);
		expect(remaining[0].registration_id).toBe(production.registration_id);

		// "Stop listening" also removes the test registration.
		await stack.client.runManually(created.id, TRIGGER_NAME);
		await waitForRegistrations(ctl, urls.test, oneVerified);
		await stack.client.stopTestWebhook(created.id);
		await waitForRegistrations(ctl, urls.test, (list) => list.length === 0);

		await stack.client.takeOffline(created.id);
		await waitForRegistrations(ctl, urls.production, (list) => list.length === 0);
	});

	it('"Listen for test event" with the default options → Adobe sends the event type’s sample, which ends the test', async () => {
		const { workflow, webhookId } = watchEventsWorkflow({
			name: 'e2e listen sample',
			credential,
			typeVersion,
			triggerParameters: triggerParameters({ eventCodes: [CC_EVENT_CODES[2]] }),
		});
		const created = await stack.client.createWorkflow(workflow);
		const urls = webhookUrls(stack.webhookBaseUrl, webhookId);
		expect((await stack.client.runManually(created.id, TRIGGER_NAME)).waitingForWebhook).toBe(true);
		const manual = await eventually(
			'the manual execution of the sample event',
			async () => {
				const list = (await executionsOf(created.id)).filter((e) => e.mode === 'manual' && e.status === 'success');
				return list.length === 1 ? list[0] : undefined;
			},
			{ timeoutMs: 30000 },
		);
		expect(outputItems(manual, TRIGGER_NAME)[0]).toMatchObject({ type: CC_EVENT_CODES[2] });
		const sampleDeliveries = (await ctl.deliveries()).filter((d) => d.url === urls.test);
		expect(sampleDeliveries.map((d) => [d.status, d.event_codes])).toEqual([[200, [CC_EVENT_CODES[2]]]]);
		await waitForRegistrations(ctl, urls.test, (list) => list.length === 0);
	});

	it('not live → the registration is deleted at Adobe and the URL stops accepting events', async () => {
		await stack.client.takeOffline(single.workflowId);
		await waitForRegistrations(ctl, single.productionUrl, (list) => list.length === 0);
		expect(await ctl.registrations()).toHaveLength(0);
		const before = (await stack.client.settledExecutions(single.workflowId)).length;
		const signed = await ctl.sign({ event: { specversion: '1.0', id: 'late', source: 'urn:x', type: CC_EVENT_CODES[0], data: {} } });
		const response = await fetch(single.productionUrl, { method: 'POST', headers: signed.headers, body: signed.body });
		expect(response.status).toBe(404);
		expect(await stack.client.settledExecutions(single.workflowId)).toHaveLength(before);
	});
});
