import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../shared/guards';

import { adobeApiRequest } from '../../transport';
import { optionsCollection } from '../../shared/descriptions';
import {
	customProviderLocator,
	eventCodeOption,
	operationDescription,
} from '../common.descriptions';
import type { ExecutionState } from '../node.type';
import { assertEventCodesExist, getRequiredId, parseJsonValue, parseOptionalJson } from '../utils';

/** CloudEvents context attributes an extension must not overwrite. */
const RESERVED = new Set([
	'specversion',
	'id',
	'source',
	'type',
	'datacontenttype',
	'dataschema',
	'subject',
	'time',
	'data',
	'data_base64',
]);
const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;

export const description = operationDescription('event', 'publish', [
	customProviderLocator,
	{ ...eventCodeOption, description: `Event type to publish. ${eventCodeOption.description}` },
	{
		displayName: 'Data (JSON)',
		name: 'data',
		type: 'json',
		default: '{}',
		required: true,
		description: 'Payload of the event (the CloudEvents "data"), as JSON',
	},
	optionsCollection('Add Option', [
		{
			displayName: 'Check Event Type First',
			name: 'checkEventType',
			type: 'boolean',
			default: true,
			description:
				'Whether to check that the provider declares the event type before publishing (one extra request per provider and execution)',
		},
		{
			displayName: 'Contains Health Data (PHI)',
			name: 'phiData',
			type: 'boolean',
			default: false,
			description:
				'Whether the event carries protected health information (sets x-event-phidata: Adobe keeps audit logs and marks deliveries)',
		},
		{
			displayName: 'Event ID',
			name: 'eventId',
			type: 'string',
			default: '',
			description:
				'Unique ID of the event (source + ID must be unique). A random UUID is generated if empty.',
		},
		{
			displayName: 'Extension Attributes (JSON)',
			name: 'extensions',
			type: 'json',
			default: '{}',
			description:
				'Extra CloudEvents attributes as a JSON object; names use lowercase letters and digits only (max 20)',
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			description: 'The CloudEvents "subject": what the event is about, e.g. an order number',
		},
		{
			displayName: 'Time',
			name: 'time',
			type: 'dateTime',
			default: '',
			description: 'When the event happened. Defaults to now.',
		},
		{
			displayName: 'When No Registration Listens',
			name: 'noListener',
			type: 'options',
			options: [
				{
					name: 'Fail the Item',
					value: 'error',
					description: 'Stop with an error (or output it when the node continues on fail)',
				},
				{
					name: 'Output Delivered = False',
					value: 'output',
					description: 'Output the event with delivered = false and an explanation',
				},
			],
			default: 'error',
			description:
				'What to do when Adobe accepts the event but no registration subscribes to it, so nobody receives it',
		},
	]),
]);

export const NO_LISTENER_MESSAGE =
	'Adobe accepted the event, but no registration listens to this event type, so nobody received it';

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getRequiredId.call(this, 'eventCode', itemIndex, 'Event type');
	const data = parseJsonValue.call(this, this.getNodeParameter('data', itemIndex, '{}'), 'Data', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const event: IDataObject = {
		specversion: '1.0',
		id: String(options.eventId ?? '').trim() || randomUUID(),
		source: `urn:uuid:${providerId}`,
		type: eventCode,
		datacontenttype: 'application/json',
		time: new Date().toISOString(),
	};
	if (options.time) {
		const time = new Date(String(options.time));
		if (Number.isNaN(time.getTime())) {
			throw new NodeOperationError(this.getNode(), `"${String(options.time)}" is not a valid time`, {
				itemIndex,
				description: 'Use an ISO-8601 date and time, e.g. 2026-01-31T12:00:00Z.',
			});
		}
		event.time = time.toISOString();
	}
	const subject = String(options.subject ?? '').trim();
	if (subject) event.subject = subject;
	const extensions = parseOptionalJson.call(
		this,
		options.extensions,
		'Extension Attributes',
		itemIndex,
		'object',
		'{}',
	);
	for (const [name, value] of Object.entries((extensions ?? {}) as IDataObject)) {
		if (!EXTENSION_NAME.test(name) || RESERVED.has(name)) {
			throw new NodeOperationError(this.getNode(), `"${name}" cannot be a CloudEvents extension attribute`, {
				itemIndex,
				description:
					'Use 1 to 20 lowercase letters or digits, and not a standard attribute (id, source, type, time, subject, data…).',
			});
		}
		if (isRecord<IDataObject>(value) || Array.isArray(value)) {
			throw new NodeOperationError(this.getNode(), `Extension attribute "${name}" must be a single value`, {
				itemIndex,
				description: 'CloudEvents extension attributes are strings, numbers or booleans.',
			});
		}
		event[name] = value as string | number | boolean;
	}
	event.data = data as IDataObject;

	if (options.checkEventType !== false) {
		await assertEventCodesExist.call(this, [{ provider_id: providerId, event_code: eventCode }], itemIndex, state);
	}

	const response = (await adobeApiRequest.call(this, {
		method: 'POST',
		api: 'ingress',
		path: '/',
		body: event,
		headers: {
			'Content-Type': 'application/cloudevents+json',
			'x-event-phidata': options.phiData === true ? 'true' : 'false',
		},
		returnFullResponse: true,
	})) as { statusCode: number };

	if (response.statusCode === 204) {
		if (options.noListener === 'output') {
			return {
				published: true,
				delivered: false,
				statusCode: 204,
				message: `${NO_LISTENER_MESSAGE}.`,
				event,
			};
		}
		throw new NodeOperationError(this.getNode(), NO_LISTENER_MESSAGE, {
			itemIndex,
			level: 'warning',
			description: `No event registration subscribes to "${eventCode}" from provider ${providerId}. Create a registration for it first (resource Registration), or set Options → When No Registration Listens to "Output Delivered = False".`,
		});
	}
	return { published: true, delivered: true, statusCode: response.statusCode, event };
}
