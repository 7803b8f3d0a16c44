/**
 * Did n8n really start the execution of a delivery that webhook() accepted? (pure, no n8n import)
 *
 * The de-duplication window marks an event as seen when webhook() accepts it, i.e. BEFORE n8n
 * starts the execution. When n8n then fails to start it (it answers 5xx, e.g. "There was a problem
 * executing the workflow" after an SQLite lock timeout), Adobe retries — and that retry must run
 * the workflow instead of being acknowledged as a duplicate, or the event is lost.
 *
 * Watching the express response n8n answers on:
 * - 'finish' with a status ≥ 500: n8n reported that the execution did not start → the delivery's
 *   dedupe keys are forgotten, so Adobe's retry is processed.
 * - 'close' without 'finish' (Adobe hung up first, e.g. its 10 s timeout): n8n may still start the
 *   execution or fail afterwards, and the status it decides on is only known later. The response
 *   is remembered (at most `maxUnsettled`, oldest dropped) and looked at when the retry comes:
 *   5xx → process the retry; anything else (the execution started, only the ack was lost) → it
 *   stays a duplicate.
 */

export interface ResponseLike {
	statusCode?: number;
	writableFinished?: boolean;
	once?(event: 'finish' | 'close', listener: () => void): unknown;
}

export const DEFAULT_MAX_UNSETTLED = 256;

export class AckTracker {
	private readonly unsettled = new Map<string, ResponseLike>();

	constructor(
		private readonly forget: (key: string) => void,
		readonly maxUnsettled: number = DEFAULT_MAX_UNSETTLED,
	) {}

	get size(): number {
		return this.unsettled.size;
	}

	/** Watches the response of a delivery whose events were marked under `keys`. */
	watch(res: ResponseLike | undefined, keys: readonly string[]): void {
		if (!res || typeof res.once !== 'function' || keys.length === 0) return;
		for (const key of keys) this.unsettled.delete(key);
		let finished = false;
		res.once('finish', () => {
			finished = true;
			if ((res.statusCode ?? 200) >= 500) for (const key of keys) this.forget(key);
		});
		res.once('close', () => {
			if (finished || res.writableFinished === true) return;
			for (const key of keys) {
				this.unsettled.delete(key);
				this.unsettled.set(key, res);
			}
			while (this.unsettled.size > this.maxUnsettled) {
				const oldest = this.unsettled.keys().next();
				if (oldest.done) break;
				this.unsettled.delete(oldest.value);
			}
		});
	}

	/**
	 * For a key the dedupe window reports as seen: `true` when the earlier attempt ended without an
	 * answer reaching Adobe AND n8n has since answered it with a 5xx (the execution never started).
	 */
	failedEarlier(key: string): boolean {
		const res = this.unsettled.get(key);
		if (res === undefined) return false;
		if ((res.statusCode ?? 200) < 500) return false;
		this.unsettled.delete(key);
		return true;
	}
}
