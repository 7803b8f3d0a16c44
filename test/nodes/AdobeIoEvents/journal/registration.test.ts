/**
 * The journal trigger's owned registration, against a scripted Adobe with a paged workspace list.
 */
import type { IDataObject } from 'n8n-workflow';

import { AdobeIoEventsJournalTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node';
import {
	ensureOwned,
	ownedRegistrationName,
} from '../../../../nodes/AdobeIoEvents/journal/registration';
import { createPollContext } from '../../../helpers/n8n-context';
import { startPagedAdobe, type PagedAdobe } from '../registrations/pagedAdobe';

const EVENTS = [{ provider_id: 'p', event_code: 'c' }];

describe('journal trigger: owned registration', () => {
	let adobe: PagedAdobe;
	beforeAll(async () => {
		adobe = await startPagedAdobe(2);
	});
	afterAll(async () => await adobe.server.close());

	function context() {
		return createPollContext({
			nodeType: new AdobeIoEventsJournalTrigger(),
			credentials: { adobeIoEventsApi: adobe.credentials },
			workflowId: 'wf-1',
		});
	}

	it('a 409 without x-conflicting-id adopts the registration holding its name, even beyond the first page', async () => {
		const harness = context();
		const name = ownedRegistrationName('wf-1', harness.node.id);
		const filler = (i: number): IDataObject => ({
			registration_id: `other-${i}`,
			name: `someone else ${i}`,
			delivery_type: 'journal',
			events_of_interest: EVENTS,
			enabled: true,
		});
		// static data was lost; Adobe still holds our registration — on page 3 of the list
		adobe.held = [
			filler(0),
			filler(1),
			filler(2),
			filler(3),
			{
				registration_id: 'ours',
				name,
				delivery_type: 'journal',
				events_of_interest: EVENTS,
				enabled: true,
				_links: {
					'rel:events': { href: `${adobe.server.url}/events/organizations/1/integrations/9/ours` },
				},
			},
		];
		const result = await ensureOwned.call(harness.context, EVENTS, undefined, { verify: true });
		expect(result.created).toBe(false);
		expect(result.record.registrationId).toBe('ours');
		expect(adobe.held).toHaveLength(5);
	});
});
