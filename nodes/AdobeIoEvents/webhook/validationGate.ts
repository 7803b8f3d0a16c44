/**
 * Which trigger may follow an asynchronous validation URL right now (pure, no n8n import).
 *
 * Anybody can POST `{"validationUrl": …}` to a public webhook URL. Following it is only useful while
 * Adobe is validating THIS trigger's registration: Adobe sends the POST while the registration is
 * being created or changed (the synchronous challenge failed) and allows 5 minutes. The trigger's
 * lifecycle opens the gate for its scope just before it creates or updates the registration; the
 * webhook follows at most one validation URL per scope at a time, and only while the gate is open.
 */
import { BoundedMap } from '../shared/boundedMap';

/** Adobe's 5 minutes plus a margin for the registration call itself. */
export const VALIDATION_WINDOW_MS = 6 * 60 * 1000;

export type ValidationEntry = 'follow' | 'not-expected' | 'busy';

export class ValidationGate {
	private readonly open: BoundedMap<{ busy: boolean }>;

	constructor(options: { now?: () => number; maxScopes?: number } = {}) {
		this.open = new BoundedMap({ maxEntries: options.maxScopes ?? 256, now: options.now });
	}

	/** The lifecycle is about to create/update this scope's registration: validation may follow. */
	expect(scope: string): void {
		this.open.set(scope, { busy: false }, VALIDATION_WINDOW_MS);
	}

	/** No validation is (or is any longer) expected for this scope. */
	close(scope: string): void {
		this.open.delete(scope);
	}

	clear(): void {
		this.open.clear();
	}

	isOpen(scope: string): boolean {
		return this.open.get(scope) !== undefined;
	}

	/** May a validation URL for this scope be followed now? `follow` must be ended with `end()`. */
	begin(scope: string): ValidationEntry {
		const entry = this.open.get(scope);
		if (entry === undefined) return 'not-expected';
		if (entry.busy) return 'busy';
		entry.busy = true;
		return 'follow';
	}

	/** After following: a completed validation closes the gate; a failed one lets Adobe's next try in. */
	end(scope: string, completed: boolean): void {
		if (completed) return this.close(scope);
		const entry = this.open.get(scope);
		if (entry) entry.busy = false;
	}
}
