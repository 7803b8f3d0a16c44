/**
 * Which credential a node uses and what it says: ids + base URLs (`AdobeContext`).
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import {
	ADOBE_ID_CREDENTIAL,
	API_CREDENTIAL,
	type AdobeBaseUrls,
	type AdobeCredentialType,
	type AdobeEnvironment,
} from '../shared/constants';
import { AdobeConfigError, normaliseEnvironment, resolveBaseUrls } from '../shared/environment';

/** Every n8n context the transport can be called from. */
export type AdobeFunctions =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IWebhookFunctions;

export interface AdobeContext {
	credentialType: AdobeCredentialType;
	environment: AdobeEnvironment;
	urls: AdobeBaseUrls;
	/** API key (x-api-key) */
	clientId: string;
	/** IMS org, …@AdobeOrg (x-ims-org-id) */
	imsOrgId: string;
	consumerOrgId: string;
	projectId: string;
	workspaceId: string;
	/** '' when not set */
	credentialId: string;
}

/** The credential type chosen by the node's `authentication` parameter (default: serviceAccount). */
export function credentialTypeOf(fn: AdobeFunctions): AdobeCredentialType {
	const authentication = fn.getNode().parameters?.authentication;
	return authentication === 'oAuth2' ? ADOBE_ID_CREDENTIAL : API_CREDENTIAL;
}

function field(credentials: ICredentialDataDecryptedObject, name: string): string {
	const value = credentials[name];
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	return '';
}

/** Builds the context from decrypted credential data (pure; throws AdobeConfigError). */
export function contextFromCredentials(
	credentialType: AdobeCredentialType,
	credentials: ICredentialDataDecryptedObject,
): AdobeContext {
	return {
		credentialType,
		environment: normaliseEnvironment(credentials.environment),
		urls: resolveBaseUrls(credentials),
		clientId: field(credentials, 'clientId'),
		imsOrgId: field(credentials, 'imsOrgId'),
		consumerOrgId: field(credentials, 'consumerOrgId'),
		projectId: field(credentials, 'projectId'),
		workspaceId: field(credentials, 'workspaceId'),
		credentialId: field(credentials, 'credentialId'),
	};
}

/**
 * Builds the context from credential data already read; an unusable credential becomes a
 * NodeOperationError naming the field (shared by getAdobeContext and the transport).
 */
export function contextOrThrow(
	fn: AdobeFunctions,
	credentialType: AdobeCredentialType,
	credentials: ICredentialDataDecryptedObject,
): AdobeContext {
	try {
		return contextFromCredentials(credentialType, credentials);
	} catch (error) {
		const problem =
			error instanceof AdobeConfigError ? error.message : 'The Adobe I/O Events credential is invalid.';
		throw new NodeOperationError(fn.getNode(), problem, {
			description: 'Open the Adobe I/O Events credential and fix the field named above.',
		});
	}
}

/** Ids and base URLs from whichever credential the node uses. */
export async function getAdobeContext(this: AdobeFunctions): Promise<AdobeContext> {
	const credentialType = credentialTypeOf(this);
	const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(credentialType);
	return contextOrThrow(this, credentialType, credentials);
}

const CONTEXT_LABELS: Record<'consumerOrgId' | 'projectId' | 'workspaceId', string> = {
	consumerOrgId: 'Consumer Org ID',
	projectId: 'Project ID',
	workspaceId: 'Workspace ID',
};

/**
 * `/events/{consumerOrgId}/{projectId}/{workspaceId}/...rest`. The credential ids are URI-encoded; the
 * `rest` segments are used as given (callers encode user-supplied ids, e.g. encodeURIComponent).
 * Throws an AdobeConfigError naming the empty credential field.
 */
export function workspacePath(
	ctx: Pick<AdobeContext, 'consumerOrgId' | 'projectId' | 'workspaceId'>,
	...rest: string[]
): string {
	for (const key of ['consumerOrgId', 'projectId', 'workspaceId'] as const) {
		if (!ctx[key]) {
			throw new AdobeConfigError(
				`The credential field "${CONTEXT_LABELS[key]}" is empty: it is needed for this Adobe I/O Events call (find it in the Developer Console project JSON or URL).`,
				CONTEXT_LABELS[key],
			);
		}
	}
	const ids = [ctx.consumerOrgId, ctx.projectId, ctx.workspaceId].map((s) => encodeURIComponent(s));
	return `/events/${[...ids, ...rest.map(String)].join('/')}`;
}
