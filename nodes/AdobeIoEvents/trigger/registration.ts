/**
 * What the trigger wants Adobe to hold (the desired registration) and how to compare it with
 * what Adobe holds. Pure: no n8n runtime calls.
 */
import type { IDataObject } from 'n8n-workflow';

import { registrationHealth } from '../registrations/model';

import type { DeliveryType } from './description';

export const TEST_NAME_PREFIX = '[n8n test] ';
export const NAME_MAX = 255;
export const DESCRIPTION_MAX = 5000;

export interface TriggerSettings {
	providerId: string;
	eventCodes: string[];
	deliveryType: DeliveryType;
	name: string;
	description: string;
	/** Normalised JSON text of the subscriber filter, or undefined. */
	subscriberFilter?: string;
}

export interface NamingInput {
	workflowId: string;
	workflowName: string;
	nodeName: string;
	isTest: boolean;
	customName?: string;
	customDescription?: string;
}

function clip(value: string, max: number): string {
	return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** Registration name: custom or `n8n: <workflow> / <node> (<workflow id>)`; test ones prefixed. */
export function registrationName(input: NamingInput): string {
	const base =
		input.customName && input.customName.trim()
			? input.customName.trim()
			: `n8n: ${input.workflowName || 'workflow'} / ${input.nodeName} (${input.workflowId})`;
	const name = input.isTest ? `${TEST_NAME_PREFIX}${base}` : base;
	return clip(name.length < 3 ? `${name}---`.slice(0, 3) : name, NAME_MAX);
}

export function registrationDescription(input: NamingInput): string {
	if (input.customDescription && input.customDescription.trim()) {
		return clip(input.customDescription.trim(), DESCRIPTION_MAX);
	}
	const origin = `workflow "${input.workflowName}" (ID ${input.workflowId}), node "${input.nodeName}"`;
	return clip(
		input.isTest
			? `Temporary test registration created by n8n ("Listen for test event") for ${origin}. n8n deletes it when the test ends.`
			: `Created by n8n for ${origin}. n8n deletes it when the workflow is unpublished.`,
		DESCRIPTION_MAX,
	);
}

/** Parses the optional subscriber filter parameter into normalised JSON text. */
export function normaliseSubscriberFilter(
	value: unknown,
): { ok: true; value?: string } | { ok: false; reason: string } {
	if (value === undefined || value === null || value === '') return { ok: true };
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (!value.trim()) return { ok: true };
		try {
			parsed = JSON.parse(value);
		} catch {
			return { ok: false, reason: 'Subscriber Filter is not valid JSON' };
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return {
			ok: false,
			reason: 'Subscriber Filter must be a JSON object (an event-ruler pattern)',
		};
	}
	const text = JSON.stringify(parsed);
	if (text.length > 20_000) return { ok: false, reason: 'Subscriber Filter is too large' };
	return { ok: true, value: text };
}

/** Body shared by POST (create, plus client_id) and PUT (update). */
export function registrationBody(settings: TriggerSettings, webhookUrl: string): IDataObject {
	const body: IDataObject = {
		name: settings.name,
		description: settings.description,
		webhook_url: webhookUrl,
		delivery_type: settings.deliveryType,
		events_of_interest: settings.eventCodes.map((code) => ({
			provider_id: settings.providerId,
			event_code: code,
		})),
		enabled: true,
	};
	if (settings.subscriberFilter) {
		body.subscriber_filters = [
			{
				name: 'n8n filter',
				description: 'Subscriber filter set in the n8n trigger',
				subscriber_filter: settings.subscriberFilter,
			},
		];
	}
	return body;
}

function eventSet(registration: IDataObject): string[] {
	const events = Array.isArray(registration.events_of_interest)
		? (registration.events_of_interest as IDataObject[])
		: [];
	return events
		.map((e) => `${String(e.provider_id ?? '')}\u0000${String(e.event_code ?? '')}`)
		.sort();
}

function filterText(registration: IDataObject): string | undefined {
	const filters = Array.isArray(registration.subscriber_filters)
		? (registration.subscriber_filters as IDataObject[])
		: [];
	const raw = filters[0]?.subscriber_filter;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const parsed = normaliseSubscriberFilter(raw);
	return parsed.ok ? parsed.value : String(raw);
}

/** Differences between what Adobe holds and what the node wants (empty = in sync). */
export function registrationDrift(
	existing: IDataObject,
	settings: TriggerSettings,
	webhookUrl: string,
): string[] {
	const drift: string[] = [];
	const wanted = registrationBody(settings, webhookUrl);
	if (existing.webhook_url !== webhookUrl) drift.push('webhook URL');
	if (String(existing.delivery_type ?? '').toLowerCase() !== settings.deliveryType)
		drift.push('delivery type');
	if (eventSet(existing).join('\u0001') !== eventSet(wanted).join('\u0001'))
		drift.push('event types');
	if (existing.name !== settings.name) drift.push('name');
	if ((existing.description ?? '') !== settings.description) drift.push('description');
	if (filterText(existing) !== settings.subscriberFilter) drift.push('subscriber filter');
	// Disabled by the user (enabled: false) or by Adobe (webhook_status hook_unreachable /
	// verification_failed with enabled still true): the PUT with enabled: true re-runs the
	// challenge and re-enables it when n8n is reachable again.
	if (registrationHealth(existing) === 'disabled') drift.push('disabled');
	return drift;
}
