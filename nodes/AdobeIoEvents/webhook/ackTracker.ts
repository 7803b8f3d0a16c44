/**
 * Did n8n start the execution of a delivery that webhook() accepted? (pure, no n8n import)
 *
 * The de-duplication window marks an event as seen when webhook() accepts it, i.e. BEFORE n8n
 * starts the execution. When n8n then fails to start it and says so — the response to Adobe
 * finishes with a 5xx, e.g. "There was a problem executing the workflow" after an SQLite lock
 * timeout — Adobe retries, and that retry must run the workflow instead of being acknowledged as a
 * duplicate, or the event is lost. So on 'finish' with a status ≥ 500 the delivery's dedupe keys
 * are forgotten.
 *
 * When Adobe hangs up before n8n answered (its 10 s timeout) nothing is concluded: n8n then marks
 * the dead response 500 ("aborted") even when the execution did start, so the retry stays a
 * duplicate (measured in the real-n8n reliability suite).
 */

export interface ResponseLike {
	statusCode?: number;
	once?(event: 'finish', listener: () => void): unknown;
}

export class AckTracker {
	constructor(private readonly forget: (key: string) => void) {}

	/** Watches the response of a delivery whose events were marked under `keys`. */
	watch(res: ResponseLike | undefined, keys: readonly string[]): void {
		if (!res || typeof res.once !== 'function' || keys.length === 0) return;
		res.once('finish', () => {
			if ((res.statusCode ?? 200) >= 500) for (const key of keys) this.forget(key);
		});
	}
}
