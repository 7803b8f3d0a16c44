/**
 * trigger/settings.ts reads both parameter layouts: typeVersion 1 and 1.1 keep Delivery and Signature
 * Check on the first screen, typeVersion 2 under Options. Real n8n-core hook and webhook contexts; the
 * parameters are what n8n stores for each version (defaults applied by n8n's own getNodeParameters).
 */
import { NodeHelpers, type INodeParameters } from 'n8n-workflow';

import { AdobeIoEventsTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';
import {
	readDeliverySettings,
	readTriggerSettings,
} from '../../../../nodes/AdobeIoEvents/trigger/settings';
import { createHookContext, createWebhookContext } from '../../../helpers/n8n-context';
import { inLayoutOf, triggerParameters } from './harness';

const CREDENTIALS = {
	adobeIoEventsApi: {
		authentication: 'oauthS2S',
		environment: 'custom',
		imsUrl: 'http://127.0.0.1:9/ims',
		apiUrl: 'http://127.0.0.1:9/api',
		ingressUrl: 'http://127.0.0.1:9/ingress',
		publicKeyUrl: 'http://127.0.0.1:9/keys',
		clientId: 'client',
		clientSecret: 'secret',
		imsOrgId: 'ORG@AdobeOrg',
		consumerOrgId: '1',
		projectId: '2',
		workspaceId: '3',
	},
};

const BASE: INodeParameters = {
	providerId: { __rl: true, mode: 'id', value: 'provider-1' },
	eventCodes: ['com.example.created'],
};

/** `stored` as given, n8n's defaults for `typeVersion` added (no layout conversion). */
function asStored(typeVersion: number, stored: INodeParameters): INodeParameters {
	const { description } = new AdobeIoEventsTrigger();
	const defaults = NodeHelpers.getNodeParameters(
		description.properties,
		stored,
		true,
		false,
		{ typeVersion },
		description,
	);
	return { ...(defaults ?? {}), ...stored };
}

function read(typeVersion: number, stored: INodeParameters, convert = true) {
	const nodeType = new AdobeIoEventsTrigger();
	const parameters = convert
		? triggerParameters(stored, typeVersion)
		: asStored(typeVersion, stored);
	const hook = createHookContext({ nodeType, typeVersion, parameters, credentials: CREDENTIALS });
	const webhook = createWebhookContext({
		nodeType,
		typeVersion,
		parameters,
		credentials: CREDENTIALS,
		request: { method: 'POST' },
	});
	const trigger = readTriggerSettings.call(hook.context);
	const delivery = readDeliverySettings.call(webhook.context);
	return { deliveryType: trigger.deliveryType, ...delivery };
}

describe('trigger settings: one reader for both layouts', () => {
	it('defaults are the same in every version, but Output: Full up to 1.1, Simplified from 2', () => {
		const expected = {
			deliveryType: 'webhook',
			signatureCheck: 'digital',
			output: 'full',
			dedupe: true,
			includeDeliveryMetadata: false,
			acceptUnaddressed: false,
		};
		for (const typeVersion of [1, 1.1]) expect(read(typeVersion, BASE)).toEqual(expected);
		expect(read(2, BASE)).toEqual({ ...expected, output: 'simplified' });
	});

	it.each([
		['webhook_batch', 'hmac'],
		['webhook_batch', 'either'],
		['webhook', 'none'],
	])(
		'Delivery %s and Signature Check %s: first screen in 1 and 1.1, under Options in 2',
		(deliveryType, signatureCheck) => {
			const flat = {
				...BASE,
				deliveryType,
				signatureCheck,
				output: 'data',
				options: { dedupe: false, includeDeliveryMetadata: true },
			};
			const expected = {
				deliveryType,
				signatureCheck,
				output: 'data',
				dedupe: false,
				includeDeliveryMetadata: true,
				acceptUnaddressed: false,
			};
			expect(read(1, flat)).toEqual(expected);
			expect(read(1.1, flat)).toEqual(expected);
			const v2 = inLayoutOf(2, flat);
			expect(v2).toMatchObject({ options: { deliveryType, signatureCheck } });
			expect(v2).not.toHaveProperty('signatureCheck');
			expect(read(2, v2)).toEqual(expected);
		},
	);

	it('reads each setting only where its version keeps it', () => {
		// A version-2 node with a first-screen value (not a parameter of version 2) keeps its Options value,
		// and a version-1.1 node ignores the Options keys that only version 2 has.
		const mixed = {
			...BASE,
			deliveryType: 'webhook_batch',
			signatureCheck: 'none',
			options: { deliveryType: 'webhook', signatureCheck: 'hmac' },
		};
		expect(read(2, mixed, false)).toMatchObject({ deliveryType: 'webhook', signatureCheck: 'hmac' });
		expect(read(1.1, mixed, false)).toMatchObject({
			deliveryType: 'webhook_batch',
			signatureCheck: 'none',
		});
	});
});
