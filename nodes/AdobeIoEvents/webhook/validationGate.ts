/**
 * Which trigger may follow an asynchronous validation URL right now (pure, no n8n import).
 *
 * Anybody can POST `{"validationUrl": …}` to a public webhook URL. Following it is only useful while
 * Adobe is validating THIS trigger's registration: Adobe sends the POST while the registration is
 * being created or changed (the synchronous challenge failed) and allows 5 minutes. The trigger's
 * lifecycle opens the gate for its scope just before it creates or updates the registration, and
 * closes it when it sees the registration is no longer awaiting validation (verified, disabled) or
 * when the registration call failed; otherwise the gate closes itself after VALIDATION_WINDOW_MS.
 *
 * While the gate is open, every distinct URL is followed — at once, each at most once — up to
 * MAX_VALIDATION_URLS per opening: a stranger's URL that keeps failing cannot hold Adobe's back, and
 * one that succeeds does not close the gate (only the lifecycle, which asks Adobe, does).
 */
import { BoundedMap } from '../shared/boundedMap';

/** Adobe's 5 minutes plus a margin for the registration call itself. */
export const VALIDATION_WINDOW_MS = 6 * 60 * 1000;
/** Distinct validation URLs followed per opening of one scope's gate. */
export const MAX_VALIDATION_URLS = 16;

/**
 * - `follow`: follow this URL now
 * - `not-expected`: the gate is closed for this scope
 * - `repeat`: this URL is already being (or was) followed since the gate opened
 * - `full`: MAX_VALIDATION_URLS distinct URLs were followed since the gate opened
 */
export type ValidationEntry = 'follow' | 'not-expected' | 'repeat' | 'full';

export class ValidationGate {
	/** scope → the URLs followed since its gate opened */
	private readonly open: BoundedMap<Set<string>>;

	private readonly maxUrls: number;

	constructor(options: { now?: () => number; maxScopes?: number; maxUrls?: number } = {}) {
		this.open = new BoundedMap({ maxEntries: options.maxScopes ?? 256, now: options.now });
		this.maxUrls = Math.max(1, Math.floor(options.maxUrls ?? MAX_VALIDATION_URLS));
	}

	/** The lifecycle is about to create/update this scope's registration: validation may follow. */
	expect(scope: string): void {
		this.open.set(scope, new Set(), VALIDATION_WINDOW_MS);
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

	/** May `url` be followed for this scope now? (`follow` records it: it is never followed twice.) */
	begin(scope: string, url: string): ValidationEntry {
		const followed = this.open.get(scope);
		if (followed === undefined) return 'not-expected';
		if (followed.has(url)) return 'repeat';
		if (followed.size >= this.maxUrls) return 'full';
		followed.add(url);
		return 'follow';
	}
}
