import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	JOURNAL_SIMPLIFIED_VERSION,
	JOURNAL_TRIGGER_VERSIONS,
	journalTriggerProperties,
} from './journal/description';
import { journalPoll } from './journal/poll';
import { getEventCodes } from './methods/eventCodes';
import { searchProviders } from './methods/providers';
import { searchRegistrations } from './methods/registrations';
import { adobeCredentials } from './shared/descriptions';
import { DOCS } from './shared/docs';

export class AdobeIoEventsJournalTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe I/O Events Journal Trigger',
		name: 'adobeIoEventsJournalTrigger',
		icon: { light: 'file:../../icons/adobe.svg', dark: 'file:../../icons/adobe.dark.svg' },
		group: ['trigger'],
		// 1.1: Output → Simplified is the default for new nodes (1 keeps Full); otherwise the same node
		version: JOURNAL_TRIGGER_VERSIONS,
		defaultVersion: JOURNAL_SIMPLIFIED_VERSION,
		subtitle:
			'={{$parameter["registrationSource"] === "create" ? "own registration" : "existing registration"}}',
		description:
			'Polls the Adobe I/O Events journal: for n8n instances Adobe cannot reach with webhooks, and to recover events a webhook missed',
		// n8n's Docs link: as written (the codex URL would get ?utm_… appended after its #anchor).
		documentationUrl: DOCS.journalTrigger,
		defaults: { name: 'Adobe I/O Events Journal Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: adobeCredentials,
		properties: journalTriggerProperties,
	};

	methods = {
		loadOptions: { getEventCodes },
		listSearch: { searchProviders, searchRegistrations },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await journalPoll.call(this);
	}
}
