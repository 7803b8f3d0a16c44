/**
 * The helpers the operation files share: description builders (their output is part of the node
 * description, so key order matters), the Update Fields guard and the provider paths.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	operationDescription,
	requiredWithExample,
	returnAllAndLimit,
} from '../../../../nodes/AdobeIoEvents/actions/common.descriptions';
import { providerPath } from '../../../../nodes/AdobeIoEvents/actions/provider/api';
import { isUnsetJson } from '../../../../nodes/AdobeIoEvents/actions/utils';
import { isPushDelivery } from '../../../../nodes/AdobeIoEvents/registrations/model';
import {
	additionalFieldsCollection,
	optionsCollection,
	updateFieldsCollection,
} from '../../../../nodes/AdobeIoEvents/shared/descriptions';
import { byId, runError, start, type Emulator } from './harness';

const field: INodeProperties = {
	displayName: 'Label',
	name: 'label',
	type: 'string',
	default: '',
	description: 'Name shown to subscribers',
};

describe('description builders', () => {
	it('requiredWithExample makes the field required with a placeholder, in the key order of a literal', () => {
		const required = requiredWithExample(field, 'e.g. Orders');
		expect(JSON.stringify(required)).toBe(
			JSON.stringify({
				displayName: 'Label',
				name: 'label',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. Orders',
				description: 'Name shown to subscribers',
			}),
		);
		expect(field).not.toHaveProperty('required');
	});

	it('operationDescription shows every property for its resource and operation only, after its own conditions', () => {
		const [plain, conditional] = operationDescription('registration', 'create', [
			field,
			{ ...field, name: 'webhookUrl', displayOptions: { show: { deliveryType: ['webhook'] } } },
		]);
		expect(plain.displayOptions).toEqual({
			show: { resource: ['registration'], operation: ['create'] },
		});
		expect(Object.keys(conditional.displayOptions?.show ?? {})).toEqual([
			'deliveryType',
			'resource',
			'operation',
		]);
		expect(field).not.toHaveProperty('displayOptions');
	});

	it('returnAllAndLimit shows Limit only without Return All', () => {
		const [returnAll, limit] = returnAllAndLimit('provider', 'getAll');
		expect(returnAll.displayOptions).toEqual({
			show: { resource: ['provider'], operation: ['getAll'] },
		});
		expect(limit.displayOptions).toEqual({
			show: { resource: ['provider'], operation: ['getAll'], returnAll: [false] },
		});
	});

	it('the collections differ only in name, button and (Update Fields) description', () => {
		expect(JSON.stringify(optionsCollection('Add option', [field]))).toBe(
			JSON.stringify({
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [field],
			}),
		);
		expect(additionalFieldsCollection([field])).toMatchObject({
			name: 'additionalFields',
			placeholder: 'Add Field',
		});
		expect(additionalFieldsCollection([field])).not.toHaveProperty('description');
		expect(Object.keys(updateFieldsCollection([field]))).toEqual([
			'displayName',
			'name',
			'type',
			'placeholder',
			'default',
			'description',
			'options',
		]);
	});
});

describe('providerPath', () => {
	it('encodes every segment, so an ID cannot leave its segment', () => {
		expect(providerPath('a/../b', 'eventmetadata', 'com.example x', 'sample_event')).toBe(
			'/events/providers/a%2F..%2Fb/eventmetadata/com.example%20x/sample_event',
		);
		expect(providerPath('p1')).toBe('/events/providers/p1');
	});
});

describe('isUnsetJson', () => {
	it('treats not set, empty and the default text as left empty, anything else as given', () => {
		expect(isUnsetJson(undefined)).toBe(true);
		expect(isUnsetJson('')).toBe(true);
		expect(isUnsetJson('{}')).toBe(false);
		expect(isUnsetJson('{}', '{}')).toBe(true);
		expect(isUnsetJson('[]', '[]')).toBe(true);
		expect(isUnsetJson('[]', '{}')).toBe(false);
		expect(isUnsetJson(' ', '{}')).toBe(false);
		expect(isUnsetJson({}, '{}')).toBe(false);
	});
});

describe('isPushDelivery', () => {
	it('is true for the webhook delivery types only', () => {
		expect(isPushDelivery('webhook')).toBe(true);
		expect(isPushDelivery('webhook_batch')).toBe(true);
		expect(isPushDelivery('journal')).toBe(false);
		expect(isPushDelivery('aws_eventbridge')).toBe(false);
		expect(isPushDelivery(undefined)).toBe(false);
	});
});

describe('Update operations without changes', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await start();
	});
	afterAll(async () => await emulator.close());

	it.each([
		['provider', {}],
		['eventMetadata', { eventCode: 'com.example.none' }],
	])('%s → Update with no Update Fields fails the item before Adobe is asked', async (resource, extra) => {
		// the provider does not exist: a request would have failed with Adobe's 404 instead
		const error = await runError(emulator, {
			resource,
			operation: 'update',
			providerId: byId('no-such-provider'),
			...extra,
			updateFields: {},
		});
		expect(error.message).toBe('Nothing to update');
		expect(error.description).toBe('Add at least one field under Update Fields.');
	});
});
