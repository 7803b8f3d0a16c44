/**
 * When is an accepted delivery really taken? (pure, no n8n import)
 *
 * webhook() marks an event as seen (de-duplication) when it accepts the delivery, before n8n has
 * run anything. Whether that mark may stay depends on n8n's answer to Adobe, which `watchAnswer`
 * reports once through `settle(taken)`:
 *
 * - `when-queued` (n8n answers as soon as the execution is queued): the event is taken unless n8n
 *   SENT a 5xx ('finish' with status >= 500, e.g. "There was a problem executing the workflow" after
 *   an SQLite lock timeout) — then Adobe retries and the retry must run. When Adobe hangs up first
 *   (its 10 s timeout) nothing is concluded: n8n then marks the dead response 500 ("aborted") even
 *   when the execution started, so the retry stays a duplicate (measured in the reliability suite).
 * - `when-finished` (n8n answers when the workflow has finished): the event is taken only when n8n
 *   sent a 2xx. A 5xx (workflow failed or was cancelled) or a connection that closed before the
 *   answer went out (Adobe's timeout, n8n shutting down) means Adobe retries, and the retry runs.
 */

export type AckPolicy = 'when-queued' | 'when-finished';

export interface ResponseLike {
	statusCode?: number;
	/** true once the whole answer was handed to the operating system (Node's ServerResponse) */
	writableFinished?: boolean;
	once?(event: 'finish' | 'close', listener: () => void): unknown;
}

/** Calls `settle(taken)` exactly once when the answer says whether the delivery was taken (maybe never). */
export function watchAnswer(
	res: ResponseLike | undefined,
	policy: AckPolicy,
	settle: (taken: boolean) => void,
): void {
	if (!res || typeof res.once !== 'function') return;
	let settled = false;
	const once = (taken: boolean) => {
		if (settled) return;
		settled = true;
		settle(taken);
	};
	const status = () => res.statusCode ?? 200;
	if (policy === 'when-queued') {
		res.once('finish', () => {
			if (status() >= 500) once(false);
		});
		return;
	}
	res.once('finish', () => once(status() >= 200 && status() < 300));
	res.once('close', () => {
		if (!res.writableFinished) once(false);
	});
}
