/**
 * Reading the errors of registration calls (pure: no n8n runtime call).
 *
 * The transport turns every Adobe failure into a NodeApiError with `httpCode` (string), Adobe's
 * parsed body in `context.data` and a 409's `x-conflicting-id` in `context.conflictingId`. These
 * readers are the one place that interprets them for registrations; callers (Watch Events
 * lifecycle, journal trigger, action node) choose their own wording per category.
 */
import { isRecord } from '../shared/guards';

/** The HTTP status of a transport error as a string (`'404'`), or undefined (no answer). */
export function httpCodeOf(error: unknown): string | undefined {
	if (!isRecord(error)) return undefined;
	const code = error.httpCode;
	return code === undefined || code === null || code === '' ? undefined : String(code);
}

/**
 * "conflicting id", "conflicting-id", "conflicting_id" or "conflictingId" followed by the id.
 * The separator is a literal space, underscore or dash (not a character range).
 */
const CONFLICTING_ID_PATTERN = /conflicting[ _-]?id[^A-Za-z0-9]*([A-Za-z0-9._:-]{6,64})/i;

/** `x-conflicting-id` of a 409: from the transport's context, else from the error's wording. */
export function conflictingIdOf(error: unknown): string | undefined {
	if (!isRecord(error)) return undefined;
	const context = isRecord(error.context) ? error.context : {};
	for (const direct of [context.conflictingId, error.conflictingId]) {
		if (typeof direct === 'string' && direct) return direct;
	}
	for (const text of [error.description, error.message]) {
		if (typeof text !== 'string') continue;
		const match = CONFLICTING_ID_PATTERN.exec(text);
		if (match) return match[1];
	}
	return undefined;
}

/** Our message and description of an error, joined (for logs and "Adobe said" lines). */
export function errorText(error: unknown): string {
	if (!isRecord(error)) return typeof error === 'string' ? error : '';
	return [error.message, error.description]
		.filter((value): value is string => typeof value === 'string' && value !== '')
		.join(' — ');
}

/**
 * Only what Adobe itself answered (the body's message / reason / …), without our own wording or
 * the request URL — which always contains "/events/" and so cannot be used to classify a failure.
 */
export function adobeBodyText(error: unknown): string {
	if (!isRecord(error) || !isRecord(error.context)) return '';
	const body = error.context.data;
	if (!isRecord(body)) return '';
	return ['message', 'reason', 'error_description', 'title', 'detail']
		.map((key) => body[key])
		.filter((value): value is string => typeof value === 'string' && value !== '')
		.join(' — ');
}

export type RegistrationFailure =
	/** no HTTP answer, 429 or 5xx (after the transport's retries): nothing wrong with the request */
	| 'transient'
	| 'not-found'
	/** 401 / 403 */
	| 'permission'
	/** 409 naming the registration that holds the name (`conflictingIdOf`) */
	| 'name-taken'
	/** 409 saying a registration limit is reached */
	| 'quota'
	/** any other 409 */
	| 'conflict'
	/** Adobe could not verify the webhook URL */
	| 'challenge'
	/** an event type or provider Adobe does not know */
	| 'unknown-event'
	/** any other refusal (400, 422, …): Adobe's words say why */
	| 'rejected';

interface Rule {
	category: RegistrationFailure;
	/** `code`: HTTP status or undefined; `said`: Adobe's own words, lower-cased */
	when: (code: number | undefined, said: string, error: unknown) => boolean;
}

const QUOTA_WORDS = /quota|limit (?:reached|exceeded)|maximum number|too many registrations/;

/**
 * First matching rule wins. Adobe's wording is consulted for 4xx answers other than 401/403/409, so a
 * 404 that names an unknown provider or event is reported as such.
 */
export const REGISTRATION_FAILURE_RULES: readonly Rule[] = [
	{ category: 'transient', when: (code) => code === undefined || code === 429 || code >= 500 },
	{ category: 'permission', when: (code) => code === 401 || code === 403 },
	{
		category: 'name-taken',
		when: (code, _said, error) => code === 409 && !!conflictingIdOf(error),
	},
	{ category: 'quota', when: (code, said) => code === 409 && QUOTA_WORDS.test(said) },
	{ category: 'conflict', when: (code) => code === 409 },
	{
		category: 'challenge',
		when: (_code, said) => /challenge|webhook|unreachable|verif|validat/.test(said),
	},
	{ category: 'unknown-event', when: (_code, said) => /event|provider|interest/.test(said) },
	{ category: 'not-found', when: (code) => code === 404 },
	{ category: 'rejected', when: () => true },
];

/** What went wrong with a registration call, from the status and Adobe's own words. */
export function classifyRegistrationFailure(error: unknown): RegistrationFailure {
	const raw = httpCodeOf(error);
	const code = raw === undefined || !/^\d{3}$/.test(raw) ? undefined : Number(raw);
	const said = adobeBodyText(error).toLowerCase();
	for (const rule of REGISTRATION_FAILURE_RULES) {
		if (rule.when(code, said, error)) return rule.category;
	}
	return 'rejected';
}
