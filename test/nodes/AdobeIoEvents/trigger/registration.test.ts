/**
 * The desired registration and its comparison with what Adobe holds (pure).
 */
import type { IDataObject } from 'n8n-workflow';

import { registrationHealth } from '../../../../nodes/AdobeIoEvents/registrations/model';
import {
	registrationBody,
	registrationDrift,
	type TriggerSettings,
} from '../../../../nodes/AdobeIoEvents/trigger/registration';

const URL = 'https://n8n.example.com/webhook/abc/webhook';
const settings: TriggerSettings = {
	providerId: 'provider-1',
	eventCodes: ['com.example.a', 'com.example.b'],
	deliveryType: 'webhook',
	name: 'n8n: wf / node (1)',
	description: 'Created by n8n',
};

function inSync(overrides: IDataObject = {}): IDataObject {
	return {
		registration_id: 'reg-1',
		...registrationBody(settings, URL),
		webhook_status: 'verified',
		...overrides,
	};
}

describe('registrationDrift', () => {
	it('is empty for a registration that matches (event order does not matter)', () => {
		const existing = inSync();
		existing.events_of_interest = [...(existing.events_of_interest as object[])].reverse();
		expect(registrationDrift(existing, settings, URL)).toEqual([]);
	});

	it('names each changed field', () => {
		expect(
			registrationDrift(
				inSync({ webhook_url: 'https://old.example/x', delivery_type: 'WEBHOOK_BATCH', name: 'x' }),
				settings,
				URL,
			),
		).toEqual(['webhook URL', 'delivery type', 'name']);
	});

	it.each([
		[{ enabled: false }],
		// Adobe disabled it but still reports enabled: true (v1-style statuses; the v2 strings are unconfirmed)
		[{ enabled: true, webhook_status: 'hook_unreachable' }],
		[{ enabled: true, webhook_status: 'VERIFICATION_FAILED' }],
		[{ enabled: true, webhook_status: 'disabled' }],
	])(
		'reports a registration disabled as %j as drift, so the PUT (enabled: true) re-enables it',
		(fields) => {
			const existing = inSync(fields);
			expect(registrationHealth(existing)).toBe('disabled');
			expect(registrationDrift(existing, settings, URL)).toEqual(['disabled']);
		},
	);

	it('does not PUT a registration that is only unstable or awaiting validation', () => {
		expect(registrationDrift(inSync({ webhook_status: 'unstable' }), settings, URL)).toEqual([]);
		expect(registrationDrift(inSync({ webhook_status: 'accepted' }), settings, URL)).toEqual([]);
	});
});
