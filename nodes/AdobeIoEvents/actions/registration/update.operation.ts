import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { registrationsFor } from '../../registrations/client';
import { toUpdateModel } from '../../registrations/model';
import { isRecord } from '../../shared/guards';
import { updateFieldsCollection } from '../../shared/descriptions';
import { operationDescription, registrationLocator } from '../common.descriptions';
import type { ExecutionState } from '../node.type';
import type { EventOfInterest } from '../utils';
import { assertEventCodesExist, getRequiredId, isUnsetJson } from '../utils';
import * as fields from './fields';
import {
	buildSubscriberFilter,
	parseEventsOfInterest,
	uniqueEvents,
	validateRegistrationModel,
} from './model';

export const description = operationDescription('registration', 'update', [
	registrationLocator,
	updateFieldsCollection([
		fields.awsAccountIdField(),
		fields.awsRegionField(),
		fields.deliveryTypeField('How Adobe delivers the events'),
		fields.registrationDescriptionField(),
		fields.enabledField('Whether Adobe delivers events to this registration'),
		{
			displayName: 'Events of Interest (JSON)',
			name: 'eventsOfInterest',
			type: 'json',
			default: '[]',
			description:
				'Replaces the subscribed events: [{"provider_id": "…", "event_code": "…"}]. Every event code is checked against its provider first.',
		},
		fields.registrationNameField('New name, unique within the workspace (3 to 255 characters)'),
		{
			displayName: 'Remove Subscriber Filter',
			name: 'removeSubscriberFilter',
			type: 'boolean',
			default: false,
			description: 'Whether to remove the subscriber filter of the registration',
		},
		fields.runtimeActionField(),
		fields.subscriberFilterField(
			'Replaces the subscriber filter with this event-ruler pattern (JSON object)',
		),
		fields.subscriberFilterNameField(),
		fields.webhookUrlField('New webhook URL (Adobe challenges it again)'),
	]),
]);

/**
 * Full PUT of a registration: Adobe replaces every field, so the current registration is read
 * first, the changes are merged into it, the result is validated and only then sent.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
): Promise<IDataObject> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;

	// Parse everything the user typed before any request, so bad JSON never half-applies.
	let events: EventOfInterest[] | undefined;
	if (changes.eventsOfInterest !== undefined) {
		events = uniqueEvents(
			parseEventsOfInterest.call(this, changes.eventsOfInterest, 'Events of Interest', itemIndex),
		);
	}
	let filter: IDataObject | undefined;
	if (!isUnsetJson(changes.subscriberFilter)) {
		filter = buildSubscriberFilter.call(
			this,
			changes.subscriberFilter,
			String(changes.subscriberFilterName ?? '').trim(),
			'',
			itemIndex,
		);
	}

	const registrations = await registrationsFor(this);
	const model = toUpdateModel(await registrations.get(registrationId));

	if (changes.name !== undefined) model.name = String(changes.name).trim();
	if (changes.description !== undefined) model.description = String(changes.description);
	if (changes.enabled !== undefined) model.enabled = changes.enabled === true;
	if (changes.deliveryType !== undefined) model.delivery_type = changes.deliveryType;
	if (events) model.events_of_interest = events;
	if (changes.webhookUrl !== undefined && String(changes.webhookUrl).trim() !== '') {
		model.webhook_url = String(changes.webhookUrl).trim();
		delete model.runtime_action;
	}
	if (changes.runtimeAction !== undefined && String(changes.runtimeAction).trim() !== '') {
		model.runtime_action = String(changes.runtimeAction).trim();
		delete model.webhook_url;
	}
	if (model.delivery_type === 'journal' || model.delivery_type === 'aws_eventbridge') {
		delete model.webhook_url;
		delete model.runtime_action;
	}
	if (changes.awsRegion !== undefined || changes.awsAccountId !== undefined) {
		const destination = isRecord<IDataObject>(model.destination_metadata) ? { ...model.destination_metadata } : {};
		if (changes.awsRegion !== undefined) destination.aws_region = String(changes.awsRegion).trim();
		if (changes.awsAccountId !== undefined) destination.aws_account_id = String(changes.awsAccountId).trim();
		model.destination_metadata = destination;
	}
	if (changes.removeSubscriberFilter === true) delete model.subscriber_filters;
	if (filter) {
		const existing = Array.isArray(model.subscriber_filters)
			? (model.subscriber_filters as IDataObject[])[0]
			: undefined;
		if (!changes.subscriberFilterName && existing?.name) filter.name = existing.name;
		if (existing?.description !== undefined) filter.description = existing.description;
		model.subscriber_filters = [filter];
	} else if (changes.subscriberFilterName && Array.isArray(model.subscriber_filters)) {
		(model.subscriber_filters as IDataObject[])[0].name = String(changes.subscriberFilterName).trim();
	}

	validateRegistrationModel.call(this, model, itemIndex);
	if (events) await assertEventCodesExist.call(this, events, itemIndex, state);

	return await registrations.update(registrationId, model);
}
