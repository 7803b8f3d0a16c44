/**
 * THE webhook URL policy (pure, no n8n runtime calls): what a registration's webhook URL says about
 * where events go (this n8n's production or test webhook, an n8n webhook elsewhere) and whether Adobe
 * can reach it at all. Used by Registration → Diagnose (facts.ts, rules.ts) and by the Watch Events
 * lifecycle, which refuses a URL Adobe cannot reach before it calls Adobe (trigger/run.ts).
 *
 * Reach of a host (`hostReach`), after the WHATWG URL parser has normalised it (lowercase, IDN to
 * punycode, full-width characters and ideographic dots folded, percent-escapes decoded, IPv4 written
 * as 127.1 / 2130706433 / 0x7f.0.0.1 turned into dotted quads, IPv6 compressed):
 *   loopback      localhost, *.localhost, 127.0.0.0/8, ::1
 *   private       10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7, fec0::/10
 *   link-local    169.254/16, fe80::/10
 *   unspecified   0.0.0.0/8, ::
 *   reserved      192.0.0/24, 192.0.2/24, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4, 240/4 (with
 *                 255.255.255.255), 2001:db8::/32, 100::/64, ff00::/8, ::/96 (IPv4-compatible)
 *   single-label  a name without a dot (`n8n`, `my-server`): it only resolves inside a local network
 *   local-name    a name under a suffix that only resolves locally or is reserved: LOCAL_SUFFIXES
 *   public        everything else
 * IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) IPv6 addresses are judged by their IPv4 part.
 * Trailing dots are ignored. The port plays no part.
 *
 * Policy for the Watch Events trigger (`checkWebhookReach`), Production and Stage environments: a host
 * that is not public is refused; `http://` on a public host is allowed with a warning (Adobe's current
 * docs ask for HTTPS, older ones accepted HTTP tunnels). Custom (the emulator) is not checked.
 */
import { parseUrl } from '../shared/url';

/** n8n's default webhook endpoints (`N8N_ENDPOINT_WEBHOOK`, `N8N_ENDPOINT_WEBHOOK_TEST`). */
export const N8N_ENDPOINTS = { production: 'webhook', test: 'webhook-test' } as const;

export type N8nWebhookKind = keyof typeof N8N_ENDPOINTS;

/**
 * n8n's setting for the public address of its webhooks, right on both lines: n8n 2.x reads
 * N8N_WEBHOOK_URL (for test and production webhooks; the deprecated WEBHOOK_URL only for production),
 * n8n 1.x reads only WEBHOOK_URL. Every text that names the setting uses this.
 */
export const PUBLIC_URL_SETTING = 'N8N_WEBHOOK_URL (n8n 2.x) or WEBHOOK_URL (n8n 1.x)';

/** Name suffixes that only resolve inside a local network, or are reserved (RFC 2606, 6761, 6762, 8375; ICANN). */
export const LOCAL_SUFFIXES = [
	'local',
	'localdomain',
	'internal',
	'intranet',
	'lan',
	'home',
	'home.arpa',
	'corp',
	'private',
	'test',
	'example',
	'invalid',
	'onion',
] as const;

export type HostReach =
	| 'public'
	| 'loopback'
	| 'private'
	| 'link-local'
	| 'unspecified'
	| 'reserved'
	| 'single-label'
	| 'local-name';

export interface WebhookUrlFacts {
	url: string;
	/** `scheme://host[:port]`, '' when the URL cannot be parsed */
	origin: string;
	/** the host name as the URL parser normalised it, '' when the URL cannot be parsed */
	host: string;
	/** the path has n8n's `/webhook/…` or `/webhook-test/…` shape (on any host) */
	n8nKind: N8nWebhookKind | null;
	/** the URL is a webhook URL of the n8n whose base URL was given */
	thisInstance: boolean;
	/** whether Adobe can reach the host (null when the URL cannot be parsed) */
	reach: HostReach | null;
	/** the URL is https */
	https: boolean;
	/** https on a public host */
	publicHttps: boolean;
}

function ipv4Reach(a: number, b: number, c: number): HostReach {
	if (a === 127) return 'loopback';
	if (a === 0) return 'unspecified';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
	if (a === 100 && b >= 64 && b <= 127) return 'private';
	if (a === 169 && b === 254) return 'link-local';
	if (
		(a === 192 && b === 0 && (c === 0 || c === 2)) ||
		(a === 198 && (b === 18 || b === 19)) ||
		(a === 198 && b === 51 && c === 100) ||
		(a === 203 && b === 0 && c === 113) ||
		a >= 224
	)
		return 'reserved';
	return 'public';
}

function parseIpv4(host: string): [number, number, number, number] | undefined {
	const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (!match) return undefined;
	const parts = match.slice(1).map(Number) as [number, number, number, number];
	return parts.every((p) => p <= 255) ? parts : undefined;
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail allowed), or undefined. */
function parseIpv6(host: string): number[] | undefined {
	let text = host;
	// A dotted IPv4 tail (::ffff:127.0.0.1) becomes its two hex groups.
	const dotted = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
	if (dotted) {
		const v4 = parseIpv4(dotted[1]);
		if (!v4) return undefined;
		const hex = (high: number, low: number): string => ((high << 8) | low).toString(16);
		text = `${text.slice(0, dotted.index + 1)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const groupsOf = (part: string): number[] | undefined => {
		if (part === '') return [];
		const groups = part.split(':');
		if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
		return groups.map((g) => parseInt(g, 16));
	};
	const head = groupsOf(halves[0]);
	const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
	if (!head || !rest) return undefined;
	const known = head.length + rest.length;
	if (halves.length === 1) return known === 8 ? head : undefined;
	if (known > 7) return undefined;
	return [...head, ...new Array<number>(8 - known).fill(0), ...rest];
}

function ipv6Reach(groups: number[]): HostReach {
	const [g0, g1] = groups;
	const zeroUpTo = (n: number): boolean => groups.slice(0, n).every((g) => g === 0);
	if (zeroUpTo(8)) return 'unspecified';
	if (zeroUpTo(7) && groups[7] === 1) return 'loopback';
	const embedded = (): HostReach =>
		ipv4Reach(groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8);
	if (zeroUpTo(5) && groups[5] === 0xffff) return embedded(); // IPv4-mapped
	if (g0 === 0x64 && g1 === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return embedded(); // NAT64
	if (zeroUpTo(6)) return 'reserved'; // IPv4-compatible (deprecated)
	if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local
	if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
	if ((g0 & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
	if ((g0 & 0xff00) === 0xff00) return 'reserved'; // multicast
	if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved'; // documentation
	if (g0 === 0x0100 && groups.slice(1, 4).every((g) => g === 0)) return 'reserved'; // discard
	return 'public';
}

/** Whether Adobe can reach `hostname` (as `URL.hostname` gives it; IPv6 with or without brackets). */
export function hostReach(hostname: string): HostReach {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.+$/, '');
	if (host.includes(':')) {
		const groups = parseIpv6(host);
		return groups ? ipv6Reach(groups) : 'reserved';
	}
	const v4 = parseIpv4(host);
	if (v4) return ipv4Reach(v4[0], v4[1], v4[2]);
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	if (!host.includes('.')) return 'single-label';
	if (LOCAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`)))
		return 'local-name';
	return 'public';
}

/** How each kind of host is named in messages ("… is a loopback address"). */
export const REACH_WORDS: Record<Exclude<HostReach, 'public'>, string> = {
	loopback: 'a loopback address (this machine only)',
	private: 'a private network address',
	'link-local': 'a link-local address',
	unspecified: 'an unspecified address',
	reserved: 'a reserved address',
	'single-label': 'a host name without a dot, which only resolves inside a local network',
	'local-name': 'a name that only resolves inside a local network',
};

export type WebhookReach =
	| { kind: 'ok' }
	| { kind: 'plain-http'; host: string }
	| { kind: 'not-public'; host: string; reach: Exclude<HostReach, 'public'> }
	| { kind: 'unparsable' };

/**
 * May the Watch Events trigger register `url` with Adobe? Production/Stage only (Custom is the
 * emulator or a test double: `{ kind: 'ok' }`). See the policy at the top of this file.
 */
export function checkWebhookReach(url: string, environment: string): WebhookReach {
	if (environment === 'custom') return { kind: 'ok' };
	const parsed = parseUrl(url);
	if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
		return { kind: 'unparsable' };
	const reach = hostReach(parsed.hostname);
	if (reach !== 'public') return { kind: 'not-public', host: parsed.hostname, reach };
	if (parsed.protocol === 'http:') return { kind: 'plain-http', host: parsed.hostname };
	return { kind: 'ok' };
}

function stripSlash(value: string): string {
	return value.replace(/\/+$/, '');
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
	if (!parsed) {
		return {
			url,
			origin: '',
			host: '',
			n8nKind: null,
			thisInstance: false,
			reach: null,
			https: false,
			publicHttps: false,
		};
	}

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
	const reach = hostReach(parsed.hostname);
	const https = parsed.protocol === 'https:';
	return {
		url,
		origin: parsed.origin,
		host: parsed.hostname,
		n8nKind,
		thisInstance,
		reach,
		https,
		publicHttps: https && reach === 'public',
	};
}
