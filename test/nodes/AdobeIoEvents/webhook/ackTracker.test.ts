/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:events for a ServerResponse-like object */
/**
 * When an accepted delivery counts as taken, for each Acknowledge policy, with a response that
 * emits Node's ServerResponse events.
 */
import { EventEmitter } from 'node:events';

import { watchAnswer, type AckPolicy } from '../../../../nodes/AdobeIoEvents/webhook/ackTracker';

class FakeResponse extends EventEmitter {
	statusCode = 200;
	writableFinished = false;
	/** n8n's answer went out */
	answer(status: number) {
		this.statusCode = status;
		this.writableFinished = true;
		this.emit('finish');
		this.emit('close');
	}
	/** the connection closed before an answer went out (Adobe's timeout, n8n stopping) */
	hangUp(statusN8nSetsLater?: number) {
		this.emit('close');
		if (statusN8nSetsLater !== undefined) this.statusCode = statusN8nSetsLater;
	}
}

function watch(policy: AckPolicy) {
	const res = new FakeResponse();
	const outcomes: boolean[] = [];
	watchAnswer(res, policy, (taken) => outcomes.push(taken));
	return { res, outcomes };
}

describe('watchAnswer', () => {
	it('when queued: only a 5xx n8n actually sent releases the event', () => {
		const ok = watch('when-queued');
		ok.res.answer(200);
		expect(ok.outcomes).toEqual([]);
		const failed = watch('when-queued');
		failed.res.answer(500);
		expect(failed.outcomes).toEqual([false]);
		const hungUp = watch('when-queued');
		hungUp.res.hangUp(500);
		expect(hungUp.outcomes).toEqual([]);
	});

	it('when finished: taken only after a 2xx went out; 5xx or a closed connection release it, once', () => {
		const ok = watch('when-finished');
		ok.res.answer(200);
		expect(ok.outcomes).toEqual([true]);
		for (const status of [500, 503, 404]) {
			const failed = watch('when-finished');
			failed.res.answer(status);
			expect(failed.outcomes).toEqual([false]);
		}
		const hungUp = watch('when-finished');
		hungUp.res.hangUp();
		hungUp.res.emit('finish');
		expect(hungUp.outcomes).toEqual([false]);
	});

	it('ignores a response without events', () => {
		expect(() => watchAnswer(undefined, 'when-finished', () => undefined)).not.toThrow();
		expect(() => watchAnswer({}, 'when-queued', () => undefined)).not.toThrow();
	});
});
