/* eslint-disable @n8n/community-nodes/no-restricted-imports -- harness code: runs outside n8n (plain Node scripts/tests): test code needs node:fs */
/**
 * The harness itself: n8n 2.40.7 on Node 24 from the cache, this package installed from its npm-pack
 * tarball as a community package of an isolated user folder, owner + API key automation, and the
 * asynchronous publish/unpublish of a plain n8n Webhook workflow through the public API.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { N8N_VERSION } from '../../scripts/n8n/runtime';
import { PACKAGE_NAME, type Stack } from '../../scripts/n8n/stack';
import { startE2eStack, waitForWebhookStatus } from './helpers';

describe('real n8n harness', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startE2eStack({ emulator: false });
	});

	afterAll(async () => {
		await stack?.stop();
	});

	it('runs n8n 2.40.7 on Node 24 from the cache', async () => {
		expect(stack.runtime.nodeVersion).toMatch(/^v24\./);
		const settings = await stack.client.request<{ data: { versionCli: string } }>('GET', '/rest/settings');
		expect(settings.body.data.versionCli).toBe(N8N_VERSION);
	});

	it('loads every node and credential type of the installed community package', async () => {
		const installed = join(stack.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		const camel = (file: string, suffix: string): string => {
			const base = basename(file, suffix);
			return base.charAt(0).toLowerCase() + base.slice(1);
		};
		const nodeNames = manifest.n8n.nodes.map((file) => `${PACKAGE_NAME}.${camel(file, '.node.js')}`);
		const credentialNames = manifest.n8n.credentials.map((file) => camel(file, '.credentials.js'));
		expect(nodeNames).toEqual(
			expect.arrayContaining([
				`${PACKAGE_NAME}.adobeIoEventsTrigger`,
				`${PACKAGE_NAME}.adobeIoEvents`,
				`${PACKAGE_NAME}.adobeIoEventsJournalTrigger`,
			]),
		);
		expect(credentialNames).toEqual(expect.arrayContaining(['adobeIoEventsApi', 'adobeIoEventsOAuth2Api']));

		const known = await stack.client.nodeTypes(nodeNames.map((name) => ({ name, version: 1 })));
		expect(known.map((n) => `${PACKAGE_NAME}.${n.name.replace(`${PACKAGE_NAME}.`, '')}`).sort()).toEqual(
			[...nodeNames].sort(),
		);
		// The Watch Events trigger exists in typeVersion 1 (existing workflows) and 1.1 (the default for new nodes).
		const trigger = await stack.client.nodeTypes([{ name: `${PACKAGE_NAME}.adobeIoEventsTrigger`, version: 1.1 }]);
		expect(trigger).toEqual([expect.objectContaining({ version: [1, 1.1], defaultVersion: 1.1 })]);
		for (const credential of credentialNames) {
			expect(await stack.client.credentialSchema(credential)).toBeDefined();
		}
		// A type that does not exist is reported as unknown (the check above can fail).
		expect(await stack.client.credentialSchema('adobeIoEventsDoesNotExist')).toBeUndefined();
	});

	it('publishes and unpublishes a plain Webhook workflow through the public API', async () => {
		const path = `harness-${randomUUID()}`;
		const url = `${stack.webhookBaseUrl}/webhook/${path}`;
		const workflow = await stack.client.createWorkflow({
			name: 'harness webhook',
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' },
				},
			],
			connections: {},
		});
		expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(404);

		await stack.client.publishWorkflow(workflow.id);
		await waitForWebhookStatus(url, 200, { body: { hello: 'n8n' } });
		const [execution] = await stack.client.waitForExecutions(workflow.id, 1);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');

		await stack.client.unpublishWorkflow(workflow.id);
		await waitForWebhookStatus(url, 404);
		expect((await stack.client.getWorkflow(workflow.id)).active).toBe(false);
	});
});
