/**
 * The Watch Events lifecycle's errors: what a user reads in n8n when publishing fails. The cause is
 * classified by the registrations module's table; this file only words it for the trigger.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IHookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import {
	PUBLIC_URL_SETTING,
	REACH_WORDS,
	type HostReach,
} from '../diagnosis/webhookUrl';
import { DOCS } from '../shared/docs';

import {
	classifyRegistrationFailure,
	errorText,
	httpCodeOf,
	type RegistrationFailure,
} from '../registrations/errors';
import type { TriggerSettings } from './registration';

/** A NodeApiError with our message; Adobe's text stays in the description. */
export function lifecycleError(
	fn: IHookFunctions,
	cause: unknown,
	message: string,
	description: string,
): NodeApiError {
	const httpCode = httpCodeOf(cause);
	const detail = errorText(cause);
	return new NodeApiError(fn.getNode(), { message, httpCode: httpCode ?? null } as JsonObject, {
		message,
		description: detail ? `${description}\n\nAdobe said: ${detail}` : description,
		httpCode: httpCode ?? undefined,
	});
}

/** Runs an Adobe call and words its failure for the user (message + what to do). */
export async function orFail<T>(
	fn: IHookFunctions,
	call: Promise<T>,
	message: string,
	description: string,
): Promise<T> {
	try {
		return await call;
	} catch (error) {
		throw lifecycleError(fn, error, message, description);
	}
}

/** Where a user whose events do not arrive looks next (appended to the descriptions that need it). */
export const NEXT_STEPS = `Registration → Diagnose in the Adobe I/O Events node tells why Adobe does not deliver; without a public address, the Adobe I/O Events Journal Trigger fetches the events from Adobe instead. More: ${DOCS.whenEventsStop}`;

/** What to set so that Adobe reaches n8n (right on n8n 1.x and 2.x). */
export const SET_PUBLIC_URL = `set ${PUBLIC_URL_SETTING} to n8n’s public HTTPS address (e.g. https://n8n.example.com/)`;

/**
 * The webhook URL n8n gave this trigger has a host Adobe cannot reach (Production/Stage; see
 * diagnosis/webhookUrl.ts). Raised before any call to Adobe.
 */
export function unreachableUrlError(
	fn: IHookFunctions,
	webhookUrl: string,
	host: string,
	reach: Exclude<HostReach, 'public'>,
): NodeOperationError {
	return new NodeOperationError(
		fn.getNode(),
		`Adobe cannot reach this trigger’s webhook URL: ${host} is ${REACH_WORDS[reach]}`,
		{
			description:
				`n8n would register ${webhookUrl} with Adobe, which calls it from the internet. ` +
				`Set ${PUBLIC_URL_SETTING} to n8n’s public HTTPS address (e.g. https://n8n.example.com/), or run a tunnel (e.g. cloudflared or ngrok) and set it to the tunnel’s address; restart n8n, then try again. ` +
				`Without a public address, use the Adobe I/O Events Journal Trigger: it fetches the events from Adobe instead. More: ${DOCS.publicUrl}`,
		},
	);
}

/** The log line for an http:// webhook URL on a public host (allowed; Adobe's docs ask for HTTPS). */
export function plainHttpWarning(webhookUrl: string): string {
	return `Adobe I/O Events: the webhook URL ${webhookUrl} uses http://. Adobe’s documentation asks for webhooks reachable over HTTPS and Adobe may refuse or stop delivering to it: set ${PUBLIC_URL_SETTING} to n8n’s https:// address.`;
}

type Wording = (input: {
	verb: string;
	cause: string;
	settings: TriggerSettings;
	webhookUrl: string;
}) => [message: string, description: string];

const QUOTA_OR_NAME: Wording = ({ verb }) => [
	`Adobe refused to ${verb} the webhook: the registration limit is reached or the name is taken`,
	'Each Adobe client ID may hold at most 30 registrations (2,500 per organization). Delete registrations you no longer need ' +
		'(Adobe Developer Console, or the Adobe I/O Events node → Registration → Delete) or set a different Options → Registration Name, then publish the workflow again (n8n 1.x: activate it).',
];

/** How each kind of create/update failure is explained to the user. */
const WRITE_FAILURE_WORDING: Record<RegistrationFailure, Wording> = {
	'name-taken': QUOTA_OR_NAME,
	quota: QUOTA_OR_NAME,
	conflict: QUOTA_OR_NAME,
	permission: ({ verb }) => [
		`Adobe refused to ${verb} the webhook: the credential lacks permission`,
		'The credential needs the I/O Management API and I/O Events in its Developer Console project (scope adobeio_api / metascope ent_adobeio_sdk), ' +
			'and the Consumer Org, Project and Workspace IDs of that project.',
	],
	// No answer, rate limited or an Adobe outage (the transport already retried): nothing is wrong
	// with the parameters, so do not blame them.
	transient: ({ verb, cause }) => [
		`Could not ${verb} the webhook with Adobe I/O Events: ${cause}`,
		'This is usually temporary (Adobe unavailable, rate limited, or no network). n8n retries activating the workflow; otherwise publish (n8n 1.x: activate) it again in a few minutes. ' +
			'If it persists, check the credential and, for a Custom environment, its base URLs.',
	],
	challenge: ({ webhookUrl }) => [
		'Adobe could not verify the webhook URL (challenge failed)',
		`Adobe calls ${webhookUrl}?challenge=… and expects the value back. Make sure this URL is reachable from the internet over HTTPS ` +
			`(${SET_PUBLIC_URL}; check proxies and firewalls) and that the workflow is saved. ${NEXT_STEPS}`,
	],
	'unknown-event': ({ settings }) => [
		'Adobe does not know one of the event types for this provider',
		`Provider ${settings.providerId}, event types ${settings.eventCodes.join(', ')}: pick them again from the lists ` +
			'(the provider must be available to your organization and the event code must exist).',
	],
	'not-found': ({ verb }) => [
		`Adobe refused to ${verb} the webhook registration`,
		'See Adobe’s answer below. Fix the trigger parameters or the credential, then publish the workflow again (n8n 1.x: activate it).',
	],
	rejected: ({ verb }) => [
		`Adobe refused to ${verb} the webhook registration`,
		'See Adobe’s answer below. Fix the trigger parameters or the credential, then publish the workflow again (n8n 1.x: activate it).',
	],
};

/** The error a failed create (POST) or update (PUT) of the trigger's registration becomes. */
export function describeWriteFailure(
	fn: IHookFunctions,
	error: unknown,
	settings: TriggerSettings,
	webhookUrl: string,
	action: 'create' | 'update',
): NodeApiError {
	const verb = action === 'create' ? 'register' : 'update';
	const cause = error instanceof Error && error.message ? error.message : 'no answer from Adobe';
	const [message, description] = WRITE_FAILURE_WORDING[classifyRegistrationFailure(error)]({
		verb,
		cause,
		settings,
		webhookUrl,
	});
	return lifecycleError(fn, error, message, description);
}
