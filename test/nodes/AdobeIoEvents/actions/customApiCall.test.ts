/**
 * Custom API Call: the bearer token only goes to the Events Management API (with the journal) and
 * ingress, whatever `api` says — also when an expression sets it to the key host or IMS (issue 18
 * item 6d). The real action node and n8n's request helpers against HTTP servers on 127.0.0.1.
 */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { AdobeIoEvents } from '../../../../nodes/AdobeIoEvents/AdobeIoEvents.node';
import { createExecuteContext, serverCredentials, startTestServer, type TestServer } from '../../../helpers';
import { withDefaults } from './harness';

describe('Custom API Call: where the token may go', () => {
	let ims: TestServer;
	let api: TestServer;
	let keys: TestServer;

	beforeAll(async () => {
		ims = await startTestServer((_req, res) =>
			res.json(200, { access_token: 'tok-custom-call', token_type: 'bearer', expires_in: 86399 }),
		);
		api = await startTestServer((_req, res) => res.json(200, { ok: true }));
		keys = await startTestServer((_req, res) => res.text(200, 'hello'));
	});
	beforeEach(() => {
		for (const server of [ims, api, keys]) server.requests.length = 0;
	});
	afterAll(async () => {
		await Promise.all([ims, api, keys].map(async (s) => await s.close()));
	});

	async function run(parameters: INodeParameters) {
		const node = new AdobeIoEvents();
		const { context } = createExecuteContext({
			nodeType: node,
			parameters: withDefaults(node, { resource: 'customApiCall', operation: 'request', method: 'GET', ...parameters }),
			credentials: { adobeIoEventsApi: serverCredentials({ ims: ims.url, api: api.url, publicKey: keys.url }) },
		});
		return await node.execute.call(context);
	}

	it('control: the management API gets the bearer token', async () => {
		const [items] = await run({ api: 'management', path: '/events/{consumerOrgId}/providers' });
		expect(items.map((i) => i.json)).toEqual([{ ok: true }]);
		expect(api.requests[0].headers.authorization).toBe('Bearer tok-custom-call');
	});

	it.each([
		['keys', '/prod/keys/pub-key-abc.pem'],
		['ims', '/ims/profile/v1'],
		['somewhere', '/events/x'],
	])('api "%s" (e.g. set by an expression) is refused before anything is sent', async (name, path) => {
		let caught: unknown;
		try {
			await run({ api: name, path });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(NodeOperationError);
		expect((caught as Error).message).toBe(`API "${name}" cannot be called here`);
		expect((caught as NodeOperationError).description).toMatch(/only calls the Events Management API/);
		expect(keys.requests).toHaveLength(0);
		expect(api.requests).toHaveLength(0);
		expect(ims.requests.filter((r) => r.headers.authorization !== undefined)).toHaveLength(0);
	});
});
