import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isPushDelivery } from '../../registrations/model';
import { isRecord } from '../../shared/guards';
import { parseHttpUrl } from '../../shared/url';
import type { EventOfInterest } from '../utils';
import { parseJsonValue } from '../utils';

export const DELIVERY_TYPES = ['webhook', 'webhook_batch', 'journal', 'aws_eventbridge'] as const;
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

const AWS_REGION = /^(us|ca|eu|af|ap|cn|me|sa|il)-[a-z]+-\d$/;
const AWS_ACCOUNT = /^\d{12}$/;

/** Parses a JSON list of events of interest (`[{"provider_id": "...", "event_code": "..."}]`). */
export function parseEventsOfInterest(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): EventOfInterest[] {
	const list = parseJsonValue.call(this, value, label, itemIndex, 'array') as unknown[];
	return list.map((entry, position) => {
		const providerId = isRecord(entry) ? String(entry.provider_id ?? '').trim() : '';
		const eventCode = isRecord(entry) ? String(entry.event_code ?? '').trim() : '';
		if (!providerId || !eventCode) {
			throw new NodeOperationError(
				this.getNode(),
				`${label}: entry ${position + 1} needs "provider_id" and "event_code"`,
				{
					itemIndex,
					description: 'Example: [{"provider_id": "<provider ID>", "event_code": "com.example.order.created"}]',
				},
			);
		}
		return { provider_id: providerId, event_code: eventCode };
	});
}

/** Removes duplicate provider/event-code pairs, keeping the first occurrence. */
export function uniqueEvents(events: EventOfInterest[]): EventOfInterest[] {
	const seen = new Set<string>();
	return events.filter((event) => {
		const key = `${event.provider_id}\u0000${event.event_code}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Builds the single subscriber filter Adobe allows per registration. */
export function buildSubscriberFilter(
	this: IExecuteFunctions,
	filter: unknown,
	name: string,
	description: string,
	itemIndex: number,
): IDataObject {
	const pattern = parseJsonValue.call(this, filter, 'Subscriber Filter', itemIndex, 'object');
	const result: IDataObject = {
		name: name || 'n8n subscriber filter',
		subscriber_filter: JSON.stringify(pattern),
	};
	if (description) result.description = description;
	return result;
}

function fail(this: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** Checks a create/update model before it is sent, so a bad item changes nothing in Adobe. */
export function validateRegistrationModel(
	this: IExecuteFunctions,
	model: IDataObject,
	itemIndex: number,
): void {
	const name = String(model.name ?? '');
	if (name.length < 3 || name.length > 255) {
		fail.call(this, itemIndex, 'The registration name must have 3 to 255 characters', `Got "${name}".`);
	}
	if (typeof model.description === 'string' && model.description.length > 5000) {
		fail.call(this, itemIndex, 'The description is too long', 'Adobe accepts at most 5000 characters.');
	}
	const deliveryType = String(model.delivery_type ?? '');
	if (!(DELIVERY_TYPES as readonly string[]).includes(deliveryType)) {
		fail.call(
			this,
			itemIndex,
			`Unknown delivery type "${deliveryType}"`,
			`Use one of: ${DELIVERY_TYPES.join(', ')}.`,
		);
	}
	const events = (model.events_of_interest ?? []) as EventOfInterest[];
	if (events.length === 0) {
		fail.call(
			this,
			itemIndex,
			'The registration needs at least one event type',
			'Choose a provider and one or more event types.',
		);
	}
	for (const event of events) {
		if (event.provider_id.length > 38) {
			fail.call(this, itemIndex, `Provider ID "${event.provider_id}" is too long`, 'Provider IDs have at most 38 characters.');
		}
		if (event.event_code.length > 255) {
			fail.call(this, itemIndex, 'An event code is too long', 'Event codes have at most 255 characters.');
		}
	}
	const webhookUrl = typeof model.webhook_url === 'string' ? model.webhook_url : '';
	const runtimeAction = typeof model.runtime_action === 'string' ? model.runtime_action : '';
	if (isPushDelivery(deliveryType)) {
		if (!webhookUrl && !runtimeAction) {
			fail.call(
				this,
				itemIndex,
				'A webhook registration needs a webhook URL',
				'Enter the HTTPS URL Adobe should deliver the events to (or a Runtime action).',
			);
		}
		if (webhookUrl && runtimeAction) {
			fail.call(
				this,
				itemIndex,
				'Set either a webhook URL or a Runtime action, not both',
				'Adobe refuses registrations that define both.',
			);
		}
		if (webhookUrl) {
			if (!parseHttpUrl(webhookUrl)) {
				fail.call(this, itemIndex, `"${webhookUrl}" is not a valid webhook URL`, 'Use a full URL such as https://example.com/hook.');
			}
			if (webhookUrl.length > 4000) {
				fail.call(this, itemIndex, 'The webhook URL is too long', 'Adobe accepts at most 4000 characters.');
			}
		}
	}
	if (deliveryType === 'aws_eventbridge') {
		const destination = isRecord<IDataObject>(model.destination_metadata) ? model.destination_metadata : {};
		if (!AWS_REGION.test(String(destination.aws_region ?? ''))) {
			fail.call(this, itemIndex, 'Amazon EventBridge needs a valid AWS region', 'For example us-east-1.');
		}
		if (!AWS_ACCOUNT.test(String(destination.aws_account_id ?? ''))) {
			fail.call(this, itemIndex, 'Amazon EventBridge needs a 12-digit AWS account ID', 'For example 123456789012.');
		}
	}
	const filters = model.subscriber_filters as IDataObject[] | undefined;
	if (filters && filters.length) {
		if (filters.length > 1) {
			fail.call(this, itemIndex, 'Only one subscriber filter is allowed', 'Adobe accepts at most one filter per registration.');
		}
		const filterName = String(filters[0].name ?? '');
		if (filterName.length < 3 || filterName.length > 80) {
			fail.call(this, itemIndex, 'The subscriber filter name must have 3 to 80 characters', `Got "${filterName}".`);
		}
		if (typeof filters[0].description === 'string' && filters[0].description.length > 250) {
			fail.call(this, itemIndex, 'The subscriber filter description is too long', 'Adobe accepts at most 250 characters.');
		}
	}
}
