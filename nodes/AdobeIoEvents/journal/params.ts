/**
 * The journal trigger's parameters, read and checked once per poll (pure reading of the node's
 * parameters: no request).
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { notADuration } from '../shared/descriptions';
import { outputModeOf, type OutputMode } from '../webhook/output';
import type { JournalStart, OnExpired, StartFrom } from './cursor';
import { normaliseSeek } from './cursor';
import {
	DEFAULT_DEDUPE_WINDOW,
	DEFAULT_MAX_EVENTS,
	DEFAULT_MAX_PAGES,
	DEFAULT_PAGE_SIZE,
} from './description';
import {
	MAX_DEDUPE_WINDOW,
	MAX_EVENTS_PER_POLL,
	MAX_PAGES_PER_POLL,
	MAX_PAGE_SIZE,
} from './drain';
import type { EventOfInterest } from './registration';

export interface JournalParams {
	source: 'existing' | 'create';
	registrationId: string;
	events: EventOfInterest[];
	start: JournalStart;
	output: OutputMode;
	includeMetadata: boolean;
	onExpired: OnExpired;
	pageSize: number;
	maxEvents: number;
	maxPages: number;
	dedupeWindow: number;
}

function integerOption(
	fn: IPollFunctions,
	options: IDataObject,
	name: string,
	label: string,
	fallback: number,
	min: number,
	max: number,
): number {
	const raw = options[name];
	if (raw === undefined || raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new NodeOperationError(
			fn.getNode(),
			`${label} must be a whole number from ${min} to ${max}`,
			{
				description: `It is ${JSON.stringify(raw)}.`,
			},
		);
	}
	return value;
}

export function readParams(this: IPollFunctions): JournalParams {
	const source = this.getNodeParameter('registrationSource', 'existing') as string;
	if (source !== 'existing' && source !== 'create') {
		throw new NodeOperationError(this.getNode(), `Unknown registration choice "${source}"`);
	}
	let registrationId = '';
	const events: EventOfInterest[] = [];
	if (source === 'existing') {
		const raw = this.getNodeParameter('registrationId', '', { extractValue: true }) as unknown;
		registrationId = raw === undefined || raw === null ? '' : String(raw).trim();
		if (!registrationId) {
			throw new NodeOperationError(this.getNode(), 'Registration is required', {
				description:
					'Choose the registration whose journal should be read, or let the trigger create one.',
			});
		}
	} else {
		const rawProvider = this.getNodeParameter('providerId', '', { extractValue: true }) as unknown;
		const providerId =
			rawProvider === undefined || rawProvider === null ? '' : String(rawProvider).trim();
		const codes = this.getNodeParameter('eventCodes', []) as unknown;
		const list = (Array.isArray(codes) ? codes : [codes])
			.map((c) => String(c ?? '').trim())
			.filter((c) => c);
		if (!providerId) {
			throw new NodeOperationError(this.getNode(), 'Provider is required', {
				description: 'Choose the provider of the events the trigger should collect.',
			});
		}
		if (list.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Choose at least one event type', {
				description:
					'The trigger creates a registration for the selected event types of the provider.',
			});
		}
		for (const code of new Set(list)) events.push({ provider_id: providerId, event_code: code });
	}

	const from = this.getNodeParameter('startFrom', 'latest') as StartFrom;
	if (from !== 'latest' && from !== 'oldest' && from !== 'seek') {
		throw new NodeOperationError(this.getNode(), `Unknown start "${String(from)}"`);
	}
	const start: JournalStart = { from };
	if (from === 'seek') {
		const raw = String(this.getNodeParameter('seekDuration', 'PT1H') ?? '');
		const seek = normaliseSeek(raw);
		if (!seek) {
			const { message, description } = notADuration(raw);
			throw new NodeOperationError(this.getNode(), message, { description });
		}
		start.seek = seek;
	}

	const output = outputModeOf(this.getNodeParameter('output', 'full'));
	const options = (this.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const onExpired: OnExpired = options.onExpired === 'latest' ? 'latest' : 'oldest';
	return {
		source,
		registrationId,
		events,
		start,
		output,
		includeMetadata: options.includeDeliveryMetadata === true,
		onExpired,
		pageSize: integerOption(
			this,
			options,
			'pageSize',
			'Page Size',
			DEFAULT_PAGE_SIZE,
			1,
			MAX_PAGE_SIZE,
		),
		maxEvents: integerOption(
			this,
			options,
			'maxEvents',
			'Max Events per Poll',
			DEFAULT_MAX_EVENTS,
			1,
			MAX_EVENTS_PER_POLL,
		),
		maxPages: integerOption(
			this,
			options,
			'maxPages',
			'Max Requests per Poll',
			DEFAULT_MAX_PAGES,
			1,
			MAX_PAGES_PER_POLL,
		),
		dedupeWindow: integerOption(
			this,
			options,
			'dedupeWindow',
			'Dedupe Window',
			DEFAULT_DEDUPE_WINDOW,
			0,
			MAX_DEDUPE_WINDOW,
		),
	};
}
