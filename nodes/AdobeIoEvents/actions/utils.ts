import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { httpCodeOf } from '../registrations/errors';
import { normaliseSeek as normaliseJournalSeek } from '../journal/cursor';
import { BoundedMap } from '../shared/boundedMap';
import { notADuration } from '../shared/descriptions';
import type { EventOfInterest } from '../registrations/model';
import { listEventMetadata } from '../methods/eventCodes';
import type { ExecutionState } from './node.type';

export type { EventOfInterest };

/** Most providers one execution remembers the event codes of. */
export const EVENT_CODE_CACHE_LIMIT = 50;

/** Adobe's bound on `sample_event_template` (base64 characters). */
export const SAMPLE_TEMPLATE_MAX_BASE64 = 87382;

/** Path segment, safely encoded (ids typed by users must not escape their segment). */
export function seg(value: string): string {
	return encodeURIComponent(value);
}

/**
 * Reads a required id (plain string or resource locator) and fails with a clear,
 * item-scoped error when it is empty.
 */
export function getRequiredId(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `${label} is required`, {
			itemIndex,
			description: `Choose the ${label.toLowerCase()} from the list or enter its ID.`,
		});
	}
	return value;
}

/** Reads an optional id (plain string or resource locator); '' when empty. */
export function getOptionalId(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return raw === undefined || raw === null ? '' : String(raw).trim();
}

/** Reads an optional string parameter and trims it ('' when empty). */
export function getString(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback = '',
): string {
	const raw = this.getNodeParameter(name, itemIndex, fallback) as unknown;
	return raw === undefined || raw === null ? '' : String(raw).trim();
}

/** The Limit of a "get many" operation (see `returnAllAndLimit`); undefined with Return All. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
}

/**
 * The Update Fields of an Update operation whose changes are merged into what Adobe has; an item that
 * adds none fails (nothing would change).
 */
export function getUpdateFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	return changes;
}

type JsonShape = 'object' | 'array' | 'any';

/**
 * Parses a JSON parameter value (a string typed by the user, or an object/array that
 * an expression produced). Invalid JSON or the wrong shape → NodeOperationError with itemIndex.
 */
export function parseJsonValue(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	shape: JsonShape = 'any',
): unknown {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') {
			throw new NodeOperationError(this.getNode(), `${label} is empty`, {
				itemIndex,
				description: `Enter ${label} as JSON.`,
			});
		}
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${label} is not valid JSON`, {
				itemIndex,
				description: `${(error as Error).message}. Check quotes, commas and brackets.`,
			});
		}
	}
	if (
		shape === 'object' &&
		(parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
	) {
		throw new NodeOperationError(this.getNode(), `${label} must be a JSON object`, {
			itemIndex,
			description: 'Wrap the value in curly braces, e.g. {"key": "value"}.',
		});
	}
	if (shape === 'array' && !Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), `${label} must be a JSON array`, {
			itemIndex,
			description: 'Wrap the value in square brackets, e.g. [{"key": "value"}].',
		});
	}
	return parsed;
}

/**
 * Whether an optional JSON parameter was left empty: not set, '' or — when given — the text of its
 * default (`'{}'`, `'[]'`), which the editor fills in. An empty parameter is not parsed.
 */
export function isUnsetJson(value: unknown, defaultText?: '{}' | '[]'): boolean {
	return value === undefined || value === '' || (defaultText !== undefined && value === defaultText);
}

/** `parseJsonValue` of an optional JSON parameter; undefined when it was left empty (`isUnsetJson`). */
export function parseOptionalJson(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	shape: JsonShape,
	defaultText?: '{}' | '[]',
): unknown {
	if (isUnsetJson(value, defaultText)) return undefined;
	return parseJsonValue.call(this, value, label, itemIndex, shape);
}

/**
 * Event codes per provider, remembered for one execution so that many items publishing to (or
 * subscribing to) the same provider cost one lookup. Bounded: the oldest provider is forgotten
 * when `limit` providers are held.
 */
export class EventCodeCache {
	private readonly entries: BoundedMap<Set<string>>;

	constructor(limit = EVENT_CODE_CACHE_LIMIT) {
		this.entries = new BoundedMap({ maxEntries: Math.max(1, limit) });
	}

	get limit(): number {
		return this.entries.maxEntries;
	}

	get size(): number {
		return this.entries.size;
	}

	get(providerId: string): Set<string> | undefined {
		return this.entries.get(providerId);
	}

	set(providerId: string, codes: Set<string>): void {
		this.entries.set(providerId, codes, Infinity);
	}
}

/**
 * Event codes a provider declares, cached for the rest of the execution (bounded).
 * An unknown provider is a per-item NodeOperationError, not an API failure.
 */
async function getProviderEventCodes(
	this: IExecuteFunctions,
	providerId: string,
	itemIndex: number,
	state: ExecutionState,
): Promise<Set<string>> {
	const cached = state.eventCodes.get(providerId);
	if (cached) return cached;
	let list: IDataObject[];
	try {
		list = await listEventMetadata.call(this, providerId);
	} catch (error) {
		if (httpCodeOf(error) === '404') {
			throw new NodeOperationError(this.getNode(), `Provider "${providerId}" does not exist`, {
				itemIndex,
				description:
					'Adobe does not know this provider ID (or your organization is not entitled to it). Pick a provider from the list.',
			});
		}
		throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
	}
	const codes = new Set(
		list.map((entry) => String(entry.event_code ?? '')).filter((code) => code !== ''),
	);
	state.eventCodes.set(providerId, codes);
	return codes;
}

/**
 * Checks, before anything is written, that every provider declares every event code.
 * Fails the item with the list of unknown codes and the codes the provider offers.
 */
export async function assertEventCodesExist(
	this: IExecuteFunctions,
	events: EventOfInterest[],
	itemIndex: number,
	state: ExecutionState,
): Promise<void> {
	for (const { provider_id: providerId, event_code: eventCode } of events) {
		const codes = await getProviderEventCodes.call(this, providerId, itemIndex, state);
		if (!codes.has(eventCode)) {
			const offered = [...codes].slice(0, 20);
			throw new NodeOperationError(
				this.getNode(),
				`Provider "${providerId}" has no event type "${eventCode}"`,
				{
					itemIndex,
					description: offered.length
						? `This provider offers: ${offered.join(', ')}${codes.size > offered.length ? ', …' : ''}. Nothing was changed in Adobe.`
						: 'This provider declares no event types yet — create one first (resource Event Type). Nothing was changed in Adobe.',
				},
			);
		}
	}
}

/** Normalises an ISO 8601 duration for the journal `seek` parameter (always negative). */
export function normaliseSeek(this: IExecuteFunctions, value: string, itemIndex: number): string {
	const seek = normaliseJournalSeek(value);
	if (!seek) {
		const { message, description } = notADuration(value);
		throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
	}
	return seek;
}
