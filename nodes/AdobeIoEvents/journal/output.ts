/**
 * Journal entries as the items the journal trigger hands to n8n (the same event shape as the Watch
 * Events trigger, webhook/output.ts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { shapeEvent } from '../webhook/output';
import type { JournalEntry } from './drain';
import type { JournalParams } from './params';
import type { JournalTarget } from './registration';

export function toItems(
	entries: JournalEntry[],
	params: JournalParams,
	target: JournalTarget,
): INodeExecutionData[] {
	return entries.map((entry) => {
		let metadata: IDataObject | undefined;
		if (params.includeMetadata) {
			metadata = {
				source: 'journal',
				position: entry.position,
				registrationId: target.registrationId,
			};
			const eventId = entry.event.eventid ?? entry.event.event_id;
			if (typeof eventId === 'string') metadata.eventId = eventId;
			if (typeof entry.event.type === 'string') metadata.eventCode = entry.event.type;
		}
		// The entry was parsed from this poll's response and is not used after this: no copy per event.
		return {
			json: shapeEvent(entry.event, {
				output: params.output,
				metadata,
				reuseInput: true,
			}) as IDataObject,
		};
	});
}
