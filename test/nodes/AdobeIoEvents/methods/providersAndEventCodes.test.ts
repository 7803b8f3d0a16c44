/**
 * Live dropdowns of the Watch Events trigger (shared with the other nodes), through n8n-core's
 * real LoadOptionsContext against the emulator over HTTP.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { AdobeIoEventsTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';
import {
	getEventCodes,
	hasSampleEvent,
	searchEventCodes,
} from '../../../../nodes/AdobeIoEvents/methods/eventCodes';
import {
	embeddedEventMetadata,
	searchProviders,
} from '../../../../nodes/AdobeIoEvents/methods/providers';
import { startEmulator, type Emulator } from '../../../emulator/src/index';
import { createLoadOptionsContext } from '../../../helpers/n8n-context';
import { emulatorCredentials } from '../../../helpers/emulator-credentials';

const CC_PROVIDER = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';

describe('provider and event type lists', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
	});
	afterAll(async () => await emulator.close());

	function credentials(): ICredentialDataDecryptedObject {
		return emulatorCredentials(emulator);
	}

	function context(extra: INodeParameters) {
		const parameters: INodeParameters = { authentication: 'serviceAccount', ...extra };
		return createLoadOptionsContext({
			nodeType: new AdobeIoEventsTrigger(),
			parameters,
			currentNodeParameters: parameters,
			credentials: { adobeIoEventsApi: credentials() },
		}).context;
	}

	it('lists providers with their event metadata and filters them', async () => {
		const all = await searchProviders.call(context({}));
		const cc = all.results.find((r) => r.value === CC_PROVIDER);
		expect(cc?.name).toMatch(/event types?\)$/);
		expect(cc?.name).not.toMatch(/\(0 event types\)/);
		const filtered = await searchProviders.call(context({}), 'creative cloud asset');
		expect(filtered.results.map((r) => r.value)).toContain(CC_PROVIDER);
		expect(filtered.results.length).toBeLessThan(all.results.length);
		expect(await searchProviders.call(context({}), 'zzz-no-such-provider')).toEqual({
			results: [],
		});
	});

	it('lists the event codes of the chosen provider (list or ID mode)', async () => {
		for (const mode of ['list', 'id']) {
			const options = await getEventCodes.call(
				context({ providerId: { __rl: true, mode, value: CC_PROVIDER } }),
			);
			const values = options.map((o) => o.value);
			expect(values).toContain('com.adobe.platform.events.file_created');
			expect(
				options.find((o) => o.value === 'com.adobe.platform.events.file_created')?.name,
			).toMatch(/File created/);
		}
		const search = await searchEventCodes.call(
			context({ providerId: { __rl: true, mode: 'id', value: CC_PROVIDER } }),
			'updated',
		);
		// not vacuous: the catalogue's "updated" code is found, and nothing without the word is
		expect(search.results.map((r) => r.value)).toContain('com.adobe.platform.events.file_updated');
		expect(search.results.filter((r) => !/updated/i.test(r.name))).toEqual([]);
	});

	it('returns nothing until a provider is chosen, and a clear error for an unknown one', async () => {
		expect(
			await getEventCodes.call(context({ providerId: { __rl: true, mode: 'list', value: '' } })),
		).toEqual([]);
		await expect(
			getEventCodes.call(
				context({ providerId: { __rl: true, mode: 'id', value: 'no-such-provider' } }),
			),
		).rejects.toThrow(/not|exist|found/i);
	});

	it('helpers read embedded metadata and sample links', () => {
		expect(embeddedEventMetadata({})).toEqual([]);
		expect(
			embeddedEventMetadata({ _embedded: { eventmetadata: [{ event_code: 'a' }] } }),
		).toHaveLength(1);
		expect(hasSampleEvent({ _links: { 'rel:sample_event': { href: 'x' } } })).toBe(true);
		expect(hasSampleEvent({ _links: {} })).toBe(false);
	});
});
