/**
 * The webhook URL policy (diagnosis/webhookUrl.ts): which hosts Adobe can reach, through the WHATWG URL
 * parser as the trigger and Diagnose use it, and what the Watch Events trigger does with each
 * environment.
 */
import {
	checkWebhookReach,
	classifyWebhookUrl,
	hostReach,
	LOCAL_SUFFIXES,
	type HostReach,
} from '../../../../nodes/AdobeIoEvents/diagnosis/webhookUrl';

/** The reach of the host of `url` as the trigger sees it (after `new URL`). */
function reachOf(url: string): HostReach | null {
	return classifyWebhookUrl(url, '').reach;
}

describe('hostReach: IPv4', () => {
	it.each([
		// loopback 127.0.0.0/8
		['127.0.0.1', 'loopback'],
		['127.255.255.254', 'loopback'],
		// unspecified / "this network" 0.0.0.0/8
		['0.0.0.0', 'unspecified'],
		['0.1.2.3', 'unspecified'],
		// private RFC 1918, edges included
		['10.0.0.1', 'private'],
		['10.255.255.255', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.168.0.1', 'private'],
		['192.168.255.255', 'private'],
		// carrier-grade NAT 100.64.0.0/10
		['100.64.0.1', 'private'],
		['100.127.255.255', 'private'],
		// link-local 169.254.0.0/16
		['169.254.0.1', 'link-local'],
		['169.254.169.254', 'link-local'],
		// reserved: IETF, documentation, benchmarking, multicast, class E, broadcast
		['192.0.0.8', 'reserved'],
		['192.0.2.10', 'reserved'],
		['198.18.0.1', 'reserved'],
		['198.19.255.255', 'reserved'],
		['198.51.100.7', 'reserved'],
		['203.0.113.9', 'reserved'],
		['224.0.0.1', 'reserved'],
		['239.255.255.250', 'reserved'],
		['240.0.0.1', 'reserved'],
		['255.255.255.255', 'reserved'],
		// just outside the ranges: public
		['11.0.0.1', 'public'],
		['126.255.255.255', 'public'],
		['128.0.0.1', 'public'],
		['172.15.255.255', 'public'],
		['172.32.0.1', 'public'],
		['192.167.255.255', 'public'],
		['192.169.0.1', 'public'],
		['100.63.255.255', 'public'],
		['100.128.0.1', 'public'],
		['169.253.255.255', 'public'],
		['169.255.0.1', 'public'],
		['192.0.1.1', 'public'],
		['198.17.255.255', 'public'],
		['198.20.0.1', 'public'],
		['223.255.255.255', 'public'],
		['8.8.8.8', 'public'],
	])('%s is %s', (host, reach) => {
		expect(hostReach(host)).toBe(reach);
		expect(reachOf(`https://${host}/webhook/x/webhook`)).toBe(reach);
	});

	it('IPv4 written the unusual ways the URL parser accepts is judged by its address', () => {
		expect(reachOf('http://127.1/')).toBe('loopback');
		expect(reachOf('http://2130706433/')).toBe('loopback'); // 127.0.0.1 as one number
		expect(reachOf('http://0x7f.0.0.1/')).toBe('loopback');
		expect(reachOf('http://0177.0.0.1/')).toBe('loopback'); // octal
		expect(reachOf('http://3232235777/')).toBe('private'); // 192.168.1.1
		expect(reachOf('http://127.0.0.1./')).toBe('loopback'); // trailing dot
		expect(reachOf('http://10.0.0.1../')).toBe('private');
	});
});

describe('hostReach: IPv6', () => {
	it.each([
		['[::1]', 'loopback'],
		['[0:0:0:0:0:0:0:1]', 'loopback'],
		['[::]', 'unspecified'],
		['[fc00::1]', 'private'],
		['[fd12:3456:789a::1]', 'private'],
		['[fec0::1]', 'private'],
		['[fe80::1]', 'link-local'],
		['[febf:ffff::1]', 'link-local'],
		['[ff02::1]', 'reserved'],
		['[2001:db8::1]', 'reserved'],
		['[100::1]', 'reserved'],
		['[::7f00:1]', 'reserved'], // IPv4-compatible (deprecated)
		// IPv4-mapped and NAT64: judged by the IPv4 part
		['[::ffff:127.0.0.1]', 'loopback'],
		['[::ffff:10.1.2.3]', 'private'],
		['[::ffff:169.254.1.1]', 'link-local'],
		['[::ffff:8.8.8.8]', 'public'],
		['[64:ff9b::192.168.0.1]', 'private'],
		['[64:ff9b::8.8.4.4]', 'public'],
		// public
		['[2001:4860:4860::8888]', 'public'],
		['[2a00:1450:4001:82b::200e]', 'public'],
		['[fbff::1]', 'public'],
		['[fe00::1]', 'public'],
	])('%s is %s', (host, reach) => {
		expect(reachOf(`https://${host}/webhook/x/webhook`)).toBe(reach);
		// also as written, without the parser's normalisation
		expect(hostReach(host)).toBe(reach);
	});

	it('reads uppercase and long forms the same (the parser compresses them)', () => {
		expect(reachOf('https://[FE80:0000:0000:0000:0000:0000:0000:0001]/')).toBe('link-local');
		expect(reachOf('https://[0:0:0:0:0:FFFF:7F00:0001]/')).toBe('loopback');
		expect(hostReach('FD00::ABCD')).toBe('private');
	});

	it('an address that is not IPv6 is not public', () => {
		expect(hostReach('1:2:3:4:5:6:7:8:9')).toBe('reserved');
		expect(hostReach('::1::2')).toBe('reserved');
		expect(hostReach('fe80::zz')).toBe('reserved');
	});
});

describe('hostReach: names', () => {
	it('localhost in every spelling is loopback', () => {
		expect(reachOf('http://localhost:5678/')).toBe('loopback');
		expect(reachOf('http://LOCALHOST/')).toBe('loopback');
		expect(reachOf('http://localhost./')).toBe('loopback');
		expect(reachOf('http://n8n.localhost/')).toBe('loopback');
		expect(reachOf('http://%6c%6fcalhost/')).toBe('loopback'); // percent-encoded
		expect(reachOf('http://ｌｏｃａｌｈｏｓｔ/')).toBe('loopback'); // full-width letters
	});

	it('a name without a dot only resolves inside a local network', () => {
		expect(reachOf('https://n8n:5678/webhook/x/webhook')).toBe('single-label');
		expect(reachOf('https://My-Server/')).toBe('single-label');
		expect(reachOf('https://n8n./')).toBe('single-label'); // trailing dot
	});

	it.each(LOCAL_SUFFIXES.map((suffix) => [suffix]))('names under .%s are local', (suffix) => {
		expect(reachOf(`https://n8n.${suffix}/webhook/x/webhook`)).toBe('local-name');
		expect(reachOf(`https://a.b.${suffix.toUpperCase()}./`)).toBe('local-name');
	});

	it('only whole labels count: public names that merely contain a local word stay public', () => {
		expect(reachOf('https://n8n.example.com/')).toBe('public');
		expect(reachOf('https://local.example.org/')).toBe('public');
		expect(reachOf('https://mylocal/')).toBe('single-label');
		expect(reachOf('https://n8n.locals.io/')).toBe('public');
		expect(reachOf('https://internal.acme.com/')).toBe('public');
		expect(reachOf('https://n8n.testing.dev/')).toBe('public');
		expect(reachOf('https://home.arpa.example.net/')).toBe('public');
		expect(reachOf('https://n8n.home.arpa/')).toBe('local-name');
	});

	it('international names are judged in their ASCII form', () => {
		expect(reachOf('https://bücher.de/')).toBe('public');
		expect(classifyWebhookUrl('https://bücher.de/', '').host).toBe('xn--bcher-kva.de');
		expect(reachOf('https://bücher.local/')).toBe('local-name');
		expect(reachOf('https://n8n。internal/')).toBe('local-name'); // ideographic full stop
		expect(reachOf('https://ñ8ñ/')).toBe('single-label');
	});

	it('the port plays no part', () => {
		expect(reachOf('https://n8n.example.com:8443/webhook/x/webhook')).toBe('public');
		expect(reachOf('https://127.0.0.1:443/')).toBe('loopback');
		expect(reachOf('https://[::1]:5678/')).toBe('loopback');
	});
});

describe('checkWebhookReach: the Watch Events policy', () => {
	it('Production and Stage refuse a host Adobe cannot reach, naming the host and its kind', () => {
		for (const environment of ['production', 'stage']) {
			expect(checkWebhookReach('http://localhost:5678/webhook/x/webhook', environment)).toEqual({
				kind: 'not-public',
				host: 'localhost',
				reach: 'loopback',
			});
			expect(checkWebhookReach('https://[fd00::5]/webhook/x/webhook', environment)).toEqual({
				kind: 'not-public',
				host: '[fd00::5]',
				reach: 'private',
			});
			// https does not make a private host reachable
			expect(checkWebhookReach('https://n8n.internal/webhook/x/webhook', environment)).toMatchObject({
				kind: 'not-public',
				reach: 'local-name',
			});
		}
	});

	it('http:// on a public host is allowed with a warning; https on a public host is fine', () => {
		expect(checkWebhookReach('http://n8n.example.com/webhook/x/webhook', 'production')).toEqual({
			kind: 'plain-http',
			host: 'n8n.example.com',
		});
		expect(checkWebhookReach('https://n8n.example.com/webhook/x/webhook', 'production')).toEqual({
			kind: 'ok',
		});
		expect(checkWebhookReach('https://abc.trycloudflare.com/webhook/x/webhook', 'stage')).toEqual({
			kind: 'ok',
		});
	});

	it('Custom (the emulator, a private gateway) is not checked', () => {
		expect(checkWebhookReach('http://127.0.0.1:5678/webhook/x/webhook', 'custom')).toEqual({
			kind: 'ok',
		});
	});

	it('a value that is not an http(s) URL is reported as such', () => {
		expect(checkWebhookReach('not a url', 'production')).toEqual({ kind: 'unparsable' });
		expect(checkWebhookReach('ftp://n8n.example.com/x', 'production')).toEqual({ kind: 'unparsable' });
	});
});
