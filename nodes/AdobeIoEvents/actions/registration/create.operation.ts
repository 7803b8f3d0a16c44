import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { registrationsFor } from '../../registrations/client';
import { isPushDelivery, PUSH_DELIVERY_TYPES } from '../../registrations/model';
import { getAdobeContext } from '../../transport';
import {
	additionalFieldsCollection,
	eventCodesProperty,
	providerLocatorProperty,
} from '../../shared/descriptions';
import { operationDescription, requiredWithExample, withExample } from '../common.descriptions';
import type { ExecutionState } from '../node.type';
import type { EventOfInterest } from '../utils';
import { assertEventCodesExist, getOptionalId, getString, isUnsetJson } from '../utils';
import * as fields from './fields';
import {
	buildSubscriberFilter,
	parseEventsOfInterest,
	uniqueEvents,
	validateRegistrationModel,
} from './model';

export const description = operationDescription('registration', 'create', [
	requiredWithExample(
		fields.registrationNameField(
			'Name of the registration, unique within the workspace (3 to 255 characters)',
		),
		'e.g. Order events to n8n',
	),
	fields.deliveryTypeField(
		'How Adobe delivers the events. Every registration also keeps a journal.',
	),
	{
		...fields.webhookUrlField(
			"HTTPS URL that receives the events. It must answer Adobe's challenge while the registration is created.",
		),
		displayOptions: { show: { deliveryType: [...PUSH_DELIVERY_TYPES] } },
	},
	providerLocatorProperty({
		required: false,
		description:
			'Provider of the events to subscribe to (leave empty if all events are in More Events of Interest)',
	}),
	eventCodesProperty({
		required: false,
		lead: 'Event types of the provider to subscribe to',
	}),
	additionalFieldsCollection([
		fields.awsAccountIdField(),
		fields.awsRegionField(),
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description:
				'Client ID (API key) that owns the registration. Defaults to the client ID of the credential.',
		},
		fields.registrationDescriptionField(),
		fields.enabledField('Whether Adobe delivers events right away'),
		{
			displayName: 'More Events of Interest (JSON)',
			name: 'moreEvents',
			type: 'json',
			default: '[]',
			description:
				'Further events, also from other providers, as a JSON array: [{"provider_id": "…", "event_code": "…"}]',
		},
		withExample(fields.runtimeActionField(), 'e.g. my-app/handle-event'),
		fields.subscriberFilterField(
			'Only deliver events matching this event-ruler pattern (JSON object), e.g. {"data": {"status": ["paid"]}}',
		),
		{
			displayName: 'Subscriber Filter Description',
			name: 'subscriberFilterDescription',
			type: 'string',
			default: '',
			description: 'Description of the subscriber filter (up to 250 characters)',
		},
		fields.subscriberFilterNameField(),
	]),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
): Promise<IDataObject> {
	const name = getString.call(this, 'name', itemIndex);
	const deliveryType = this.getNodeParameter('deliveryType', itemIndex) as string;
	const providerId = getOptionalId.call(this, 'providerId', itemIndex);
	const eventCodes = this.getNodeParameter('eventCodes', itemIndex, []) as string[];
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const events: EventOfInterest[] = [];
	if (eventCodes.length && !providerId) {
		throw new NodeOperationError(this.getNode(), 'Provider is required', {
			itemIndex,
			description: 'Choose the provider of the selected event types.',
		});
	}
	for (const code of eventCodes) {
		const eventCode = String(code).trim();
		if (eventCode) events.push({ provider_id: providerId, event_code: eventCode });
	}
	const more = additional.moreEvents;
	if (!isUnsetJson(more, '[]')) {
		events.push(...parseEventsOfInterest.call(this, more, 'More Events of Interest', itemIndex));
	}

	const context = await getAdobeContext.call(this);
	const body: IDataObject = {
		client_id: String(additional.clientId ?? '').trim() || context.clientId,
		name,
		description: String(additional.description ?? ''),
		delivery_type: deliveryType,
		events_of_interest: uniqueEvents(events),
		enabled: additional.enabled !== false,
	};
	const runtimeAction = String(additional.runtimeAction ?? '').trim();
	const webhookUrl = isPushDelivery(deliveryType) ? getString.call(this, 'webhookUrl', itemIndex) : '';
	if (webhookUrl) body.webhook_url = webhookUrl;
	if (runtimeAction) body.runtime_action = runtimeAction;
	if (deliveryType === 'aws_eventbridge' || additional.awsRegion || additional.awsAccountId) {
		body.destination_metadata = {
			aws_region: String(additional.awsRegion ?? '').trim(),
			aws_account_id: String(additional.awsAccountId ?? '').trim(),
		};
	}
	const filter = additional.subscriberFilter;
	if (!isUnsetJson(filter)) {
		body.subscriber_filters = [
			buildSubscriberFilter.call(
				this,
				filter,
				String(additional.subscriberFilterName ?? '').trim(),
				String(additional.subscriberFilterDescription ?? '').trim(),
				itemIndex,
			),
		];
	}

	validateRegistrationModel.call(this, body, itemIndex);
	await assertEventCodesExist.call(this, body.events_of_interest as EventOfInterest[], itemIndex, state);

	return await (await registrationsFor(this)).create(body);
}
