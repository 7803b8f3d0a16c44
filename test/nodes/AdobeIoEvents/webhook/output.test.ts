import {
	deliveryMetadataFromHeaders,
	shapeEvent,
} from '../../../../nodes/AdobeIoEvents/webhook/output';
import { cloudEvent } from './fixtures';

describe('shapeEvent', () => {
	const event = cloudEvent();

	it('full: the CloudEvent as delivered, copied', () => {
		const shaped = shapeEvent(event, { output: 'full' });
		expect(shaped).toEqual(event);
		expect(shaped).not.toBe(event);
	});

	it('data: only the data object', () => {
		expect(shapeEvent(event, { output: 'data' })).toEqual({ path: '/a/b.jpg', size: 12 });
	});

	it('data: wraps non-object data and reads legacy adobe_io `event`', () => {
		expect(shapeEvent(cloudEvent({ data: 'text' }), { output: 'data' })).toEqual({ data: 'text' });
		expect(shapeEvent(cloudEvent({ data: [1, 2] }), { output: 'data' })).toEqual({ data: [1, 2] });
		expect(shapeEvent({ event_id: '1', event: { hello: 'world' } }, { output: 'data' })).toEqual({
			hello: 'world',
		});
		expect(shapeEvent({ nothing: true }, { output: 'data' })).toEqual({ data: null });
		expect(shapeEvent('scalar', { output: 'full' })).toEqual({ data: 'scalar' });
	});

	it('adds delivery metadata without clobbering event fields', () => {
		const meta = { deliveryId: 'd1', retryCount: 0 };
		expect(shapeEvent(event, { output: 'full', metadata: meta })._delivery).toEqual(meta);
		const clash = shapeEvent(cloudEvent({ data: { _delivery: 'mine' } }), {
			output: 'data',
			metadata: meta,
		});
		expect(clash._delivery).toBe('mine');
		expect(clash._delivery_adobe).toEqual(meta);
	});
});

describe('deliveryMetadataFromHeaders', () => {
	it('reads x-adobe-* headers in any case and parses the retry count', () => {
		const meta = deliveryMetadataFromHeaders(
			{
				'X-Adobe-Delivery-Id': 'd1',
				'x-adobe-event-id': 'e1',
				'x-adobe-event-code': 'code',
				'x-adobe-provider': 'prov',
				'x-adobe-retry-count': '3',
				'x-request-id': 'r1',
				'x-adobe-digital-signature-1': 'never copied',
			},
			new Date('2025-01-01T00:00:00Z'),
		);
		expect(meta).toEqual({
			deliveryId: 'd1',
			eventId: 'e1',
			eventCode: 'code',
			provider: 'prov',
			requestId: 'r1',
			retryCount: 3,
			receivedAt: '2025-01-01T00:00:00.000Z',
		});
	});

	it('ignores duplicated / oversized headers and bad retry counts', () => {
		const meta = deliveryMetadataFromHeaders({
			'x-adobe-delivery-id': ['a', 'b'],
			'x-adobe-event-id': 'x'.repeat(600),
			'x-adobe-retry-count': '-1',
		});
		expect(meta).toEqual({ retryCount: 0 });
	});
});
