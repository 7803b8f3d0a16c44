import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { registrationsFor } from '../../registrations/client';
import { journalUrlOf } from '../../registrations/model';
import { isRecord } from '../../shared/guards';
import { httpCodeOf } from '../../registrations/errors';

import { nextLinkOf } from '../../journal/links';
import { adobeApiRequest, getHeader, parseRetryAfter } from '../../transport';
import {
	JOURNAL_START,
	eventOutputProperty,
	journalDurationProperty,
} from '../../shared/descriptions';
import { outputModeOf, shapeEvent } from '../../webhook/output';
import { operationDescription, registrationLocator } from '../common.descriptions';
import { getRequiredId, getString, normaliseSeek } from '../utils';

/** typeVersions of the action node; from 1.1 on Get Events outputs Simplified events by default. */
export const ACTION_VERSIONS = [1, 1.1];
export const ACTION_SIMPLIFIED_VERSION = 1.1;

/** Largest `limit` the node sends (Adobe caps a response at 1.5 MB anyway). */
export const JOURNAL_LIMIT_MAX = 1000;

export const description = operationDescription('journal', 'getEvents', [
	registrationLocator,
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		options: [
			{
				name: JOURNAL_START.position,
				value: 'position',
				description: 'Events after the Next Position an earlier Get Events returned',
			},
			{
				name: JOURNAL_START.latest,
				value: 'latest',
				description: 'The end of the journal: only events that arrive from now on',
			},
			{
				name: JOURNAL_START.oldest,
				value: 'oldest',
				description: 'Everything the journal still holds (up to 7 days)',
			},
			{
				name: JOURNAL_START.seek,
				value: 'seek',
				description: 'Events from a duration ago, e.g. the last 2 hours',
			},
		],
		default: 'oldest',
		description: 'Where to start reading the journal',
	},
	{
		displayName: 'Position',
		name: 'position',
		type: 'string',
		default: '',
		required: true,
		description: 'The Next Position output by a previous Get Events call (exclusive)',
		displayOptions: { show: { startFrom: ['position'] } },
	},
	journalDurationProperty('seek', { show: { startFrom: ['seek'] } }, true),
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: JOURNAL_LIMIT_MAX },
		default: 50,
		description: 'Max number of results to return',
	},
	...eventOutputProperty(
		'Each event as Adobe journaled it (specversion, type, source, ID, time, data, …)',
		ACTION_SIMPLIFIED_VERSION,
	),
	{
		displayName: 'Split Into Items',
		name: 'split',
		type: 'boolean',
		default: false,
		description:
			'Whether to output one item per event (each with its position and the next position) instead of one item with all events',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	const startFrom = this.getNodeParameter('startFrom', itemIndex, 'oldest') as string;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	const split = this.getNodeParameter('split', itemIndex, false) as boolean;
	const output = outputModeOf(this.getNodeParameter('output', itemIndex, 'full'));

	if (!Number.isInteger(limit) || limit < 1 || limit > JOURNAL_LIMIT_MAX) {
		throw new NodeOperationError(this.getNode(), `Limit must be a whole number from 1 to ${JOURNAL_LIMIT_MAX}`, {
			itemIndex,
		});
	}
	const qs: IDataObject = { limit };
	if (startFrom === 'latest') qs.latest = true;
	if (startFrom === 'position') {
		const position = getString.call(this, 'position', itemIndex);
		if (!position) {
			throw new NodeOperationError(this.getNode(), 'Position is required', {
				itemIndex,
				description: `Use the Next Position of a previous Get Events call, or start from ${JOURNAL_START.oldest} or ${JOURNAL_START.latest}.`,
			});
		}
		qs.since = position;
	}
	if (startFrom === 'seek') qs.seek = normaliseSeek.call(this, getString.call(this, 'seek', itemIndex), itemIndex);

	const registration = await (await registrationsFor(this)).get(registrationId);
	const journalUrl = journalUrlOf(registration);
	if (!journalUrl) {
		throw new NodeOperationError(this.getNode(), 'This registration has no journal link', {
			itemIndex,
			description: 'Adobe returned the registration without _links["rel:events"]; it cannot be read from the journal.',
		});
	}

	let response: { statusCode: number; headers?: IDataObject; body?: unknown };
	try {
		response = (await adobeApiRequest.call(this, {
			method: 'GET',
			api: 'journal',
			url: journalUrl,
			qs,
			returnFullResponse: true,
		})) as { statusCode: number; headers?: IDataObject; body?: unknown };
	} catch (error) {
		if (error instanceof NodeApiError && httpCodeOf(error) === '410') {
			// NodeApiError hands back the same instance when re-wrapped: adjust it in place.
			error.message = 'The journal position has expired';
			error.description =
				`Adobe keeps journal events for 7 days; this position is older. Start again from ${JOURNAL_START.oldest} or ${JOURNAL_START.latest} (Start From).`;
		}
		throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
	}

	const body = isRecord<IDataObject>(response.body) ? response.body : {};
	const entries = Array.isArray(body.events) ? (body.events as IDataObject[]) : [];
	// Full: the entries as journaled (`{position, event}`); Data Only / Simplified: each entry's event shaped
	const events =
		output === 'full'
			? entries
			: entries.map((entry) => ({
					position: entry.position,
					event: shapeEvent(entry.event, { output }) as IDataObject,
				}));
	const nextUrl = nextLinkOf(response.headers, journalUrl) ?? '';
	let nextPosition = '';
	if (nextUrl) nextPosition = new URL(nextUrl).searchParams.get('since') ?? '';
	const page = isRecord<IDataObject>(body._page) ? body._page : {};
	if (!nextPosition && typeof page.last === 'string') nextPosition = page.last;
	if (!nextPosition && events.length) nextPosition = String(events[events.length - 1].position ?? '');
	if (!nextPosition && typeof qs.since === 'string') nextPosition = qs.since;
	const retryAfterMs = parseRetryAfter(getHeader(response.headers, 'retry-after'), Date.now());

	const summary: IDataObject = {
		registrationId,
		count: events.length,
		nextPosition,
		endOfJournal: response.statusCode === 204 || events.length === 0,
	};
	if (retryAfterMs !== undefined) summary.retryAfterSeconds = Math.ceil(retryAfterMs / 1000);

	if (split) {
		if (output === 'simplified') {
			// one flat item per event: the Simplified fields, then where it is in the journal
			return events.map((entry) => ({
				...(entry.event as IDataObject),
				position: entry.position,
				nextPosition,
			}));
		}
		return events.map((entry) => ({
			position: entry.position,
			event: entry.event,
			nextPosition,
			registrationId,
		}));
	}
	return [{ ...summary, events }];
}
