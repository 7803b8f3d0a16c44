/**
 * THE registration calls, over real HTTP through n8n-core's request helpers, against a scripted
 * Adobe whose workspace list is paged (2 per page) — as Adobe's is once a workspace holds many.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	registrationsOf,
	type RegistrationsClient,
} from '../../../../nodes/AdobeIoEvents/registrations/client';
import { contextFromCredentials } from '../../../../nodes/AdobeIoEvents/transport';
import { createExecuteContext } from '../../../helpers/n8n-context';
import { startPagedAdobe, WORKSPACE_PATH, type PagedAdobe } from './pagedAdobe';

const PAGE = 2;

describe('registrations client', () => {
	let adobe: PagedAdobe;
	let client: RegistrationsClient;

	beforeAll(async () => {
		adobe = await startPagedAdobe(PAGE);
		const { context } = createExecuteContext({
			credentials: { adobeIoEventsApi: adobe.credentials },
		});
		client = registrationsOf(
			context,
			contextFromCredentials('adobeIoEventsApi', adobe.credentials),
		);
	});
	afterAll(async () => await adobe.server.close());
	beforeEach(() => {
		adobe.held = Array.from({ length: 5 }, (_, i) => ({
			registration_id: `reg-${i}`,
			name: `name ${i}`,
			webhook_url: i === 4 ? 'https://n8n/x' : `https://n8n/${i}`,
			delivery_type: 'webhook',
			events_of_interest: [{ provider_id: 'p', event_code: 'c' }],
			enabled: true,
		}));
	});

	it('lists every page, or the first `limit`', async () => {
		expect((await client.list()).map((r) => r.registration_id)).toEqual([
			'reg-0',
			'reg-1',
			'reg-2',
			'reg-3',
			'reg-4',
		]);
		expect(await client.list(3)).toHaveLength(3);
	});

	it('finds by name and by URL beyond the first page', async () => {
		expect((await client.findByName('name 4'))?.registration_id).toBe('reg-4');
		expect(await client.findByName('nobody')).toBeUndefined();
		const byUrl = await client.findByUrls(['https://n8n/x', 'https://n8n/0']);
		expect(byUrl.map((r) => r.registration_id)).toEqual(['reg-4', 'reg-0']);
	});

	it('find is undefined for a 404, get throws it', async () => {
		expect(await client.find('gone')).toBeUndefined();
		await expect(client.get('gone')).rejects.toMatchObject({ httpCode: '404' });
	});

	it('create sends the credential client id unless the body names one', async () => {
		await client.create({ name: 'new one' });
		await client.create({ name: 'other', client_id: 'someone' });
		const posts = adobe.server.requests.filter(
			(r) => r.method === 'POST' && r.path === WORKSPACE_PATH,
		);
		expect(posts.slice(-2).map((r) => r.json<IDataObject>().client_id)).toEqual([
			'client-1',
			'someone',
		]);
	});

	it('remove: "already gone" is success (false), unless the caller needs it to exist', async () => {
		expect(await client.remove('reg-1')).toBe(true);
		expect(await client.remove('reg-1')).toBe(false);
		await expect(client.remove('reg-1', { mustExist: true })).rejects.toMatchObject({
			httpCode: '404',
		});
	});

	it('setEnabled changes only `enabled` with a full PUT', async () => {
		const result = await client.setEnabled('reg-2', false);
		expect(result.enabled).toBe(false);
		const put = adobe.server.requests.filter((r) => r.method === 'PUT').pop();
		expect(put?.json()).toEqual({
			name: 'name 2',
			description: '',
			delivery_type: 'webhook',
			webhook_url: 'https://n8n/2',
			events_of_interest: [{ provider_id: 'p', event_code: 'c' }],
			enabled: false,
		});
	});
});
