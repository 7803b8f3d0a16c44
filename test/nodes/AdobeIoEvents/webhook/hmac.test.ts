import { createHmac } from 'node:crypto';
import { verifyHmacSignature } from '../../../../nodes/AdobeIoEvents/webhook/hmac';
import { hmacSignature } from './fixtures';

describe('legacy x-adobe-signature HMAC', () => {
	const clientValue = ['p8e', 'client', 'value'].join('-');
	const body = Buffer.from('{"event_id":"1","event":{"hello":"world"}}');
	const expected = createHmac('sha256', clientValue).update(body).digest('base64');

	it('accepts the right signature', () => {
		expect(verifyHmacSignature(body, expected, clientValue)).toBe(true);
	});

	it('rejects wrong secret, tampered body, truncated/extended/garbage signatures', () => {
		expect(verifyHmacSignature(body, expected, 'other')).toBe(false);
		expect(verifyHmacSignature(Buffer.from(`${body} `), expected, clientValue)).toBe(false);
		const raw = Buffer.from(expected, 'base64');
		expect(verifyHmacSignature(body, raw.subarray(0, 24).toString('base64'), clientValue)).toBe(
			false,
		);
		expect(
			verifyHmacSignature(
				body,
				Buffer.concat([raw, Buffer.from([0, 0, 0])]).toString('base64'),
				clientValue,
			),
		).toBe(false);
		expect(verifyHmacSignature(body, 'garbage!', clientValue)).toBe(false);
		expect(verifyHmacSignature(body, '', clientValue)).toBe(false);
	});

	it('rejects when no secret is configured', () => {
		expect(verifyHmacSignature(body, hmacSignature(body, ''), '')).toBe(false);
	});

	it('rejects the all-zero digest even for a zero-length provided signature (no fill-in bypass)', () => {
		expect(verifyHmacSignature(body, 'AAAA', clientValue)).toBe(false);
	});
});
