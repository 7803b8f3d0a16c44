/* eslint-disable @n8n/community-nodes/no-restricted-imports -- harness code: runs outside n8n (plain Node scripts/tests): test code needs node:fs */
/**
 * The harness itself: the requested n8n (N8N_VERSION, default 2.40.7) on the Node it needs, from the
 * cache; this package installed from its npm-pack tarball as a community package of an isolated user
 * folder; owner + API key automation; the asynchronous "make live" / "take offline" of a plain n8n
 * Webhook workflow through the public API (2.x: publish, 1.x: activate); and our credential
 * provisioned through the public API with either Authentication.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { N8nHttpError } from '../../scripts/n8n/n8n-api';
import { N8N_VERSION, runtimeSpec } from '../../scripts/n8n/runtime';
import { CREDENTIAL_TYPE, PACKAGE_NAME, type Stack } from '../../scripts/n8n/stack';
import { startE2eStack, waitForWebhookStatus } from './helpers';

describe('real n8n harness', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startE2eStack({ emulator: false });
	});

	afterAll(async () => {
		await stack?.stop();
	});

	it(`runs n8n ${N8N_VERSION} on Node ${runtimeSpec(N8N_VERSION).nodeMajor} from the cache`, async () => {
		expect(stack.runtime.nodeVersion).toMatch(new RegExp(`^v${runtimeSpec(N8N_VERSION).nodeMajor}\\.`));
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
		// The Watch Events trigger exists in typeVersion 1 and 1.1 (existing workflows) and 2 (the default for new nodes).
		const trigger = await stack.client.nodeTypes([{ name: `${PACKAGE_NAME}.adobeIoEventsTrigger`, version: 2 }]);
		expect(trigger).toEqual([expect.objectContaining({ version: [1, 1.1, 2], defaultVersion: 2 })]);
		for (const credential of credentialNames) {
			expect(await stack.client.credentialSchema(credential)).toBeDefined();
		}
		// A type that does not exist is reported as unknown (the check above can fail).
		expect(await stack.client.credentialSchema('adobeIoEventsDoesNotExist')).toBeUndefined();
	});

	it('makes a plain Webhook workflow live and takes it offline through the public API', async () => {
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

		await stack.client.makeLive(workflow.id);
		await waitForWebhookStatus(url, 200, { body: { hello: 'n8n' } });
		const [execution] = await stack.client.waitForExecutions(workflow.id, 1);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');

		await stack.client.takeOffline(workflow.id);
		await waitForWebhookStatus(url, 404);
		expect((await stack.client.getWorkflow(workflow.id)).active).toBe(false);
	});

	it('provisions the adobeIoEventsApi credential through the public API, S2S and JWT', async () => {
		// The schema n8n's public API validates against: no JWT field may be demanded for S2S.
		const schema = (await stack.client.credentialSchema(CREDENTIAL_TYPE)) as {
			required?: string[];
			allOf?: Array<{ if?: { properties?: Record<string, unknown> }; then?: { allOf?: Array<{ required?: string[] }> } }>;
		};
		expect(schema.required).toEqual(
			expect.arrayContaining(['clientId', 'clientSecret', 'imsOrgId', 'consumerOrgId', 'projectId', 'workspaceId']),
		);
		const jwtOnly = ['technicalAccountId', 'privateKey', 'privateKeyPassphrase', 'metascopes'];
		for (const field of jwtOnly) expect(schema.required).not.toContain(field);
		const byAuthentication = (schema.allOf ?? []).filter((rule) => rule.if?.properties?.authentication !== undefined);
		expect(byAuthentication).toHaveLength(1);
		expect(JSON.stringify(byAuthentication[0].if)).toContain('"jwt"');
		const demandedForJwt = (byAuthentication[0].then?.allOf ?? []).flatMap((rule) => rule.required ?? []);
		expect(demandedForJwt.filter((field) => field !== 'authentication').sort()).toEqual(['privateKey', 'technicalAccountId']);

		const ids = { clientId: 'client-1', clientSecret: 'secret-1', imsOrgId: 'ORG1@AdobeOrg', consumerOrgId: '1', projectId: '2', workspaceId: '3' };
		const create = async (name: string, data: Record<string, unknown>): Promise<string> => {
			const created = await stack.client.createCredential(name, CREDENTIAL_TYPE, data);
			return created.id;
		};
		// OAuth Server-to-Server: only its own fields.
		const s2s = await create('api s2s', { authentication: 'oauthS2S', environment: 'production', scopes: 'openid,AdobeID', ...ids });
		// Service Account (JWT): its required fields, without the optional passphrase and metascopes.
		const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const jwt = await create('api jwt', {
			authentication: 'jwt',
			environment: 'production',
			technicalAccountId: 'TECH1@techacct.adobe.com',
			privateKey: pem,
			...ids,
		});
		// … and with them.
		const jwtFull = await create('api jwt full', {
			authentication: 'jwt',
			environment: 'production',
			technicalAccountId: 'TECH1@techacct.adobe.com',
			privateKey: pem,
			privateKeyPassphrase: '',
			metascopes: 'ent_adobeio_sdk',
			...ids,
		});
		// The schema still refuses what is wrong (the checks above can fail): a JWT credential without its key.
		await expect(
			create('api jwt broken', { authentication: 'jwt', environment: 'production', technicalAccountId: 'T@techacct.adobe.com', ...ids }),
		).rejects.toThrow(N8nHttpError);
		for (const id of [s2s, jwt, jwtFull]) await stack.client.deleteCredential(id);
	});
});
