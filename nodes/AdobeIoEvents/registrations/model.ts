/**
 * Reading a registration as Adobe returns it (pure: no n8n runtime call). Shared by the Watch
 * Events lifecycle, the journal trigger and the action node.
 */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../shared/guards';

export interface EventOfInterest {
	provider_id: string;
	event_code: string;
}

/** The delivery types Adobe pushes to a webhook URL (the others: journal only, Amazon EventBridge). */
export const PUSH_DELIVERY_TYPES = ['webhook', 'webhook_batch'];

/** Whether Adobe pushes the events of this delivery type to a webhook (so it has delivery traces). */
export function isPushDelivery(deliveryType: unknown): boolean {
	return PUSH_DELIVERY_TYPES.includes(deliveryType as string);
}

export function registrationIdOf(registration: unknown): string | undefined {
	if (!isRecord(registration)) return undefined;
	const id = registration.registration_id;
	return typeof id === 'string' && id ? id : undefined;
}

function linkOf(registration: unknown, rel: string): string | undefined {
	if (!isRecord(registration) || !isRecord(registration._links)) return undefined;
	const link = registration._links[rel];
	return isRecord(link) && typeof link.href === 'string' && link.href ? link.href : undefined;
}

/** The journal URL: `_links["rel:events"].href` (v2), else the legacy `events_url`. */
export function journalUrlOf(registration: unknown): string | undefined {
	const link = linkOf(registration, 'rel:events');
	if (link) return link;
	if (
		isRecord(registration) &&
		typeof registration.events_url === 'string' &&
		registration.events_url
	)
		return registration.events_url;
	return undefined;
}

/** The events of interest, normalised to `{ provider_id, event_code }` strings. */
export function eventsOf(registration: unknown): EventOfInterest[] {
	if (!isRecord(registration) || !Array.isArray(registration.events_of_interest)) return [];
	return registration.events_of_interest
		.filter((e) => isRecord(e))
		.map((e) => ({
			provider_id: String(e.provider_id ?? ''),
			event_code: String(e.event_code ?? ''),
		}));
}

/** Order-independent key of a list of events of interest (duplicates count once). */
export function eventsKeyOf(events: EventOfInterest[]): string {
	return [...new Set(events.map((e) => `${e.provider_id}/${e.event_code}`))].sort().join('\n');
}

export type RegistrationHealth = 'ok' | 'pending' | 'unstable' | 'disabled';

/** The `webhook_status` values with which Adobe no longer delivers (it disabled the registration). */
export const ADOBE_DISABLED_STATUSES = ['hook_unreachable', 'verification_failed', 'disabled', 'deleted'];

/** Maps Adobe's `webhook_status` + `enabled` (tolerant of unknown values) to a health verdict. */
export function registrationHealth(registration: IDataObject): RegistrationHealth {
	const status = String(registration.webhook_status ?? '').toLowerCase();
	if (registration.enabled === false) return 'disabled';
	if (ADOBE_DISABLED_STATUSES.includes(status)) return 'disabled';
	if (status === 'unstable') return 'unstable';
	if (status === 'accepted' || status === 'pending') return 'pending';
	return 'ok';
}

/**
 * The registration update model Adobe's full PUT expects, built from a registration as
 * Adobe returns it, so that fields the caller does not change survive the PUT.
 */
export function toUpdateModel(registration: IDataObject): IDataObject {
	const model: IDataObject = {
		name: registration.name,
		description: registration.description ?? '',
		delivery_type: registration.delivery_type,
		events_of_interest: eventsOf(registration).map((event) => ({
			provider_id: event.provider_id,
			event_code: event.event_code,
		})),
		enabled: registration.enabled !== false,
	};
	if (typeof registration.runtime_action === 'string' && registration.runtime_action !== '') {
		// Adobe auto-populates webhook_url for runtime actions; sending both is refused.
		model.runtime_action = registration.runtime_action;
	} else if (
		typeof registration.webhook_url === 'string' &&
		registration.webhook_url !== '' &&
		registration.delivery_type !== 'journal'
	) {
		model.webhook_url = registration.webhook_url;
	}
	if (Array.isArray(registration.subscriber_filters) && registration.subscriber_filters.length) {
		model.subscriber_filters = (registration.subscriber_filters as IDataObject[]).map((filter) => {
			const kept: IDataObject = {
				name: filter.name,
				subscriber_filter:
					typeof filter.subscriber_filter === 'string'
						? filter.subscriber_filter
						: JSON.stringify(filter.subscriber_filter),
			};
			if (filter.description !== undefined) kept.description = filter.description;
			return kept;
		});
	}
	if (isRecord<IDataObject>(registration.destination_metadata)) {
		model.destination_metadata = registration.destination_metadata;
	}
	return model;
}
