/**
 * What a registration's webhook URL says about where events go: this n8n's production or test
 * webhook, an n8n webhook elsewhere, a URL Adobe cannot reach. Pure (no n8n runtime calls).
 */
import { parseUrl } from '../shared/url';

/** n8n's default webhook endpoints (`N8N_ENDPOINT_WEBHOOK`, `N8N_ENDPOINT_WEBHOOK_TEST`). */
export const N8N_ENDPOINTS = { production: 'webhook', test: 'webhook-test' } as const;

export type N8nWebhookKind = keyof typeof N8N_ENDPOINTS;

export interface WebhookUrlFacts {
	url: string;
	/** `scheme://host[:port]`, '' when the URL cannot be parsed */
	origin: string;
	/** the path has n8n's `/webhook/…` or `/webhook-test/…` shape (on any host) */
	n8nKind: N8nWebhookKind | null;
	/** the URL is a webhook URL of the n8n whose base URL was given */
	thisInstance: boolean;
	/** https on a host that is not loopback / private / `.local` */
	publicHttps: boolean;
}

function stripSlash(value: string): string {
	return value.replace(/\/+$/, '');
}

function isPrivateHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
	if (
		host === '::1' ||
		host === '0.0.0.0' ||
		host.startsWith('fe80:') ||
		/^f[cd][0-9a-f]{2}:/.test(host)
	)
		return true;
	const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
	if (!v4) return !host.includes('.'); // a single-label name only resolves inside a private network
	const [a, b] = [Number(v4[1]), Number(v4[2])];
	return (
		a === 10 ||
		a === 127 ||
		a === 0 ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 100 && b >= 64 && b <= 127)
	);
}

function n8nKindOf(path: string): N8nWebhookKind | null {
	const segments = path.split('/').filter((s) => s !== '');
	// n8n: /<endpoint>/<webhookId>/<path> or /<endpoint>/<workflowId>/<node>/<path>; look for the endpoint segment
	for (let i = 0; i < segments.length - 1; i++) {
		if (segments[i] === N8N_ENDPOINTS.test) return 'test';
		if (segments[i] === N8N_ENDPOINTS.production) return 'production';
	}
	return null;
}

/**
 * Classifies `url`. `instanceBaseUrl` is this n8n's webhook base URL (e.g. `https://n8n.example.com/`
 * or `https://example.com/n8n`); '' when unknown.
 */
export function classifyWebhookUrl(url: string, instanceBaseUrl: string): WebhookUrlFacts {
	const parsed = parseUrl(url);
	if (!parsed) return { url, origin: '', n8nKind: null, thisInstance: false, publicHttps: false };

	let thisInstance = false;
	let n8nKind = n8nKindOf(parsed.pathname);
	const base = stripSlash(instanceBaseUrl.trim());
	if (base) {
		for (const kind of ['test', 'production'] as const) {
			if (`${parsed.origin}${parsed.pathname}`.startsWith(`${base}/${N8N_ENDPOINTS[kind]}/`)) {
				thisInstance = true;
				n8nKind = kind;
				break;
			}
		}
	}
	return {
		url,
		origin: parsed.origin,
		n8nKind,
		thisInstance,
		publicHttps: parsed.protocol === 'https:' && !isPrivateHost(parsed.hostname),
	};
}
