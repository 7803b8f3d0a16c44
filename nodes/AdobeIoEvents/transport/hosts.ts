/**
 * Host checks: where this package may send Adobe credentials or fetch keys from.
 * Pure except for building a NodeOperationError.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import type { AdobeContext } from './context';

type HostContext = Pick<AdobeContext, 'environment' | 'urls'>;

function parse(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

function customHostnames(ctx: HostContext): Set<string> {
	const names = new Set<string>();
	for (const base of Object.values(ctx.urls)) {
		const parsed = parse(base);
		if (parsed) names.add(parsed.hostname.toLowerCase());
	}
	return names;
}

/**
 * May a request carrying the Adobe token go to `url`? Production/Stage: https on adobe.io or a
 * subdomain (region journal hosts such as events-va6.adobe.io). Custom: a host of the configured
 * base URLs (any port, so the emulator's journal listener qualifies).
 */
export function isAllowedAdobeUrl(url: string, ctx: HostContext): boolean {
	const parsed = parse(url);
	if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return false;
	if (parsed.username || parsed.password) return false;
	const host = parsed.hostname.toLowerCase();
	if (ctx.environment === 'custom') return customHostnames(ctx).has(host);
	return parsed.protocol === 'https:' && (host === 'adobe.io' || host.endsWith('.adobe.io'));
}

export function assertAllowedAdobeUrl(node: INode, url: string, ctx: HostContext): void {
	if (isAllowedAdobeUrl(url, ctx)) return;
	const parsed = parse(url);
	throw new NodeOperationError(
		node,
		`Refusing to send the Adobe credentials to ${parsed ? parsed.origin : 'an invalid URL'}: it is not an Adobe I/O Events host.`,
		{
			description:
				ctx.environment === 'custom'
					? 'With the Custom environment only the hosts of the credential\'s base URLs are allowed.'
					: 'Only https URLs on adobe.io are allowed. Use the URL Adobe returned (e.g. the journal link of a registration).',
		},
	);
}

/**
 * May the webhook signature public key be fetched from `url`? It must be on the origin of the
 * credential's Public Key Host URL (static.adobeioevents.com by default), with a plain path.
 */
export function isAllowedPublicKeyUrl(url: string, ctx: HostContext): boolean {
	const parsed = parse(url);
	const base = parse(ctx.urls.publicKey);
	if (!parsed || !base) return false;
	if (parsed.origin !== base.origin) return false;
	if (parsed.username || parsed.password || parsed.search || parsed.hash) return false;
	return !parsed.pathname.includes('..') && !parsed.pathname.includes('//');
}

/**
 * May the asynchronous validation URL Adobe sent be called? Production/Stage: https on adobe.io
 * (csm.adobe.io). Custom: a host of the credential's base URLs.
 */
export function isAllowedValidationUrl(url: string, ctx: HostContext): boolean {
	return isAllowedAdobeUrl(url, ctx);
}
