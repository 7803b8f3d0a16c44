/**
 * Which `adobeIoEventsApi` fields apply to which Authentication — as n8n itself resolves them
 * (NodeHelpers.getNodeParameters, what n8n runs on a credential's data before a node gets it) — and
 * the shape n8n 1.x's public API needs to build a usable JSON schema from them (issue 19; the real
 * schemas of n8n 1.x and 2.x are checked by the real-n8n suite: test/e2e/harness.e2e.test.ts).
 */
import { NodeHelpers, type INodeProperties } from 'n8n-workflow';

import { AdobeIoEventsApi } from '../../credentials/AdobeIoEventsApi.credentials';

const credential = new AdobeIoEventsApi();
const properties = credential.properties;

function fieldsFor(values: Record<string, string>): string[] {
	const resolved = NodeHelpers.getNodeParameters(properties, values, true, false, null, null) ?? {};
	return Object.keys(resolved).sort();
}

const CONTEXT = ['clientId', 'clientSecret', 'imsOrgId', 'consumerOrgId', 'projectId', 'workspaceId', 'credentialId'];
const CUSTOM_URLS = ['imsUrl', 'apiUrl', 'ingressUrl', 'publicKeyUrl', 'journalUrl'];
const JWT_ONLY = ['technicalAccountId', 'privateKey', 'privateKeyPassphrase', 'metascopes'];

describe('adobeIoEventsApi: fields per Authentication and Environment', () => {
	it.each([
		['OAuth Server-to-Server', { authentication: 'oauthS2S', environment: 'production' }, ['scopes']],
		['OAuth Server-to-Server (defaults)', {}, ['scopes']],
		['Service Account (JWT)', { authentication: 'jwt', environment: 'production' }, JWT_ONLY],
		['S2S, Custom environment', { authentication: 'oauthS2S', environment: 'custom' }, ['scopes', ...CUSTOM_URLS]],
		['JWT, Custom environment', { authentication: 'jwt', environment: 'custom' }, [...JWT_ONLY, ...CUSTOM_URLS]],
	])('%s: exactly its own fields apply', (_label, values, own) => {
		expect(fieldsFor(values)).toEqual(['accessToken', 'authentication', 'environment', ...CONTEXT, ...own].sort());
	});

	it('no JWT field applies to an S2S credential and Scopes does not apply to a JWT one', () => {
		const s2s = fieldsFor({ authentication: 'oauthS2S' });
		const jwt = fieldsFor({ authentication: 'jwt' });
		for (const field of JWT_ONLY) expect(s2s).not.toContain(field);
		expect(jwt).not.toContain('scopes');
		// The test can fail: without the displayOptions every field applies to both.
		const bare = properties.map((property) => ({ ...property, displayOptions: undefined }) as INodeProperties);
		const all = Object.keys(NodeHelpers.getNodeParameters(bare, { authentication: 'oauthS2S' }, true, false, null, null) ?? {});
		expect(all).toEqual(expect.arrayContaining(JWT_ONLY));
	});

	/*
	 * n8n 1.x's public-API schema (toJsonSchema) keeps one condition per controlling field and makes
	 * every `show`-dependent field required when it holds and forbidden when not. It turns our
	 * definition into a correct schema only if, per controlling field, all `show` conditions are the
	 * same single value and every `show`-dependent field is `required`.
	 */
	it('every `show` condition fits n8n 1.x public-API schema builder', () => {
		const conditions = new Map<string, Set<string>>();
		for (const property of properties) {
			const show = property.displayOptions?.show;
			if (!show) continue;
			const keys = Object.keys(show);
			expect({ field: property.name, keys: keys.length }).toEqual({ field: property.name, keys: 1 });
			const values = (show[keys[0]] ?? []).map((value) => JSON.stringify(value));
			expect({ field: property.name, values: values.length }).toEqual({ field: property.name, values: 1 });
			expect({ field: property.name, required: property.required === true }).toEqual({ field: property.name, required: true });
			const seen = conditions.get(keys[0]) ?? new Set<string>();
			seen.add(values[0]);
			conditions.set(keys[0], seen);
		}
		for (const [field, values] of conditions) expect({ field, values: [...values] }).toEqual({ field, values: [expect.any(String)] });
		expect([...conditions.keys()].sort()).toEqual(['authentication', 'environment']);
	});
});
