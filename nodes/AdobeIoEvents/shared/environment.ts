/**
 * Environment → base URLs. Pure: no n8n imports.
 */
import {
	ENVIRONMENT_URLS,
	type AdobeBaseUrls,
	type AdobeEnvironment,
} from './constants';
import { parseHttpUrl } from './url';

export interface EnvironmentFields {
	environment?: unknown;
	imsUrl?: unknown;
	apiUrl?: unknown;
	ingressUrl?: unknown;
	publicKeyUrl?: unknown;
	journalUrl?: unknown;
}

/** Error thrown for configuration problems; its message names the credential field. */
export class AdobeConfigError extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message);
		this.name = 'AdobeConfigError';
	}
}

const JOURNAL_URL_LABEL = 'Journal URL';

const CUSTOM_FIELDS: Array<{ key: keyof AdobeBaseUrls; field: keyof EnvironmentFields; label: string }> =
	[
		{ key: 'ims', field: 'imsUrl', label: 'IMS URL' },
		{ key: 'api', field: 'apiUrl', label: 'Events API URL' },
		{ key: 'ingress', field: 'ingressUrl', label: 'Ingress (Publishing) URL' },
		{ key: 'publicKey', field: 'publicKeyUrl', label: 'Public Key Host URL' },
	];

export function normaliseEnvironment(value: unknown): AdobeEnvironment {
	if (value === 'stage' || value === 'custom') return value;
	return 'production';
}

/** Trims whitespace and trailing slashes and checks that the value is an absolute http(s) URL. */
export function normaliseBaseUrl(value: unknown, label: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new AdobeConfigError(
			`The credential field "${label}" is empty. With the Custom environment every base URL must be set (for the local emulator use the URLs it prints when it starts).`,
			label,
		);
	}
	if (!parseHttpUrl(text)) {
		throw new AdobeConfigError(
			`The credential field "${label}" must be an absolute http(s) URL such as https://api.example.com (got "${text.slice(0, 200)}").`,
			label,
		);
	}
	return text.replace(/\/+$/, '');
}

/** Base URLs of the environment selected in a credential. */
export function resolveBaseUrls(fields: EnvironmentFields): AdobeBaseUrls {
	const environment = normaliseEnvironment(fields.environment);
	if (environment !== 'custom') return { ...ENVIRONMENT_URLS[environment] };
	const urls = {} as AdobeBaseUrls;
	for (const { key, field, label } of CUSTOM_FIELDS) {
		urls[key] = normaliseBaseUrl(fields[field], label);
	}
	const journal = typeof fields.journalUrl === 'string' ? fields.journalUrl.trim() : '';
	if (journal !== '') urls.journal = normaliseBaseUrl(journal, JOURNAL_URL_LABEL);
	return urls;
}

/** The IMS base URL only (what preAuthentication needs; other custom URLs may still be empty). */
export function resolveImsUrl(fields: EnvironmentFields): string {
	const environment = normaliseEnvironment(fields.environment);
	if (environment !== 'custom') return ENVIRONMENT_URLS[environment].ims;
	return normaliseBaseUrl(fields.imsUrl, 'IMS URL');
}
