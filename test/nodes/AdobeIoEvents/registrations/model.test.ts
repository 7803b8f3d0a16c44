/**
 * Reading registrations as Adobe returns them (pure).
 */
import {
	eventsKeyOf,
	eventsOf,
	journalUrlOf,
	registrationHealth,
	registrationIdOf,
	toUpdateModel,
} from '../../../../nodes/AdobeIoEvents/registrations/model';

describe('registration model readers', () => {
	it('the events key ignores order and duplicates', () => {
		const a = [
			{ provider_id: 'p', event_code: 'b' },
			{ provider_id: 'p', event_code: 'a' },
			{ provider_id: 'p', event_code: 'a' },
		];
		expect(eventsKeyOf(a)).toBe(eventsKeyOf([a[1], a[0]]));
		expect(eventsKeyOf(a)).not.toBe(eventsKeyOf([a[0]]));
	});

	it('finds the journal URL in rel:events, else the legacy events_url', () => {
		expect(journalUrlOf({ _links: { 'rel:events': { href: 'https://j/1' } } })).toBe('https://j/1');
		expect(journalUrlOf({ events_url: 'https://j/2' })).toBe('https://j/2');
		expect(journalUrlOf({ _links: {} })).toBeUndefined();
		expect(journalUrlOf({ _links: { 'rel:events': { href: '' } } })).toBeUndefined();
		expect(journalUrlOf(null)).toBeUndefined();
	});

	it('reads the id and the events of interest, ignoring malformed entries', () => {
		expect(registrationIdOf({ registration_id: 'r-1' })).toBe('r-1');
		expect(registrationIdOf({ registration_id: 7 })).toBeUndefined();
		expect(registrationIdOf([])).toBeUndefined();
		expect(
			eventsOf({ events_of_interest: [{ provider_id: 'p', event_code: 'c' }, 'junk', null] }),
		).toEqual([{ provider_id: 'p', event_code: 'c' }]);
		expect(eventsOf({ events_of_interest: 'nope' })).toEqual([]);
	});

	it('maps enabled + webhook_status to a health verdict, tolerant of unknown statuses', () => {
		expect(registrationHealth({ enabled: false, webhook_status: 'verified' })).toBe('disabled');
		expect(registrationHealth({ webhook_status: 'hook_unreachable' })).toBe('disabled');
		expect(registrationHealth({ webhook_status: 'VERIFICATION_FAILED' })).toBe('disabled');
		expect(registrationHealth({ webhook_status: 'unstable' })).toBe('unstable');
		expect(registrationHealth({ webhook_status: 'accepted' })).toBe('pending');
		expect(registrationHealth({ webhook_status: 'something new' })).toBe('ok');
	});

	it('the update model keeps every field Adobe needs back and drops read-only ones', () => {
		const model = toUpdateModel({
			registration_id: 'r-1',
			name: 'n',
			delivery_type: 'webhook',
			webhook_url: 'https://h/x',
			events_of_interest: [{ provider_id: 'p', event_code: 'c', event_label: 'L' }],
			enabled: true,
			subscriber_filters: [{ name: 'f', subscriber_filter: { a: [1] }, description: 'd', id: 'x' }],
			destination_metadata: { aws_region: 'us-east-1' },
			_links: {},
		});
		expect(model).toEqual({
			name: 'n',
			description: '',
			delivery_type: 'webhook',
			webhook_url: 'https://h/x',
			events_of_interest: [{ provider_id: 'p', event_code: 'c' }],
			enabled: true,
			subscriber_filters: [{ name: 'f', subscriber_filter: '{"a":[1]}', description: 'd' }],
			destination_metadata: { aws_region: 'us-east-1' },
		});
		// runtime actions: Adobe fills webhook_url itself and refuses both
		expect(
			toUpdateModel({ delivery_type: 'webhook', runtime_action: 'a/b', webhook_url: 'https://x' }),
		).not.toHaveProperty('webhook_url');
		expect(
			toUpdateModel({ delivery_type: 'journal', webhook_url: 'https://x' }),
		).not.toHaveProperty('webhook_url');
	});
});
