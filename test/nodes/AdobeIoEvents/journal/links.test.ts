import {
	nextLinkOf,
	parseLinkHeader,
	resolveSameOrigin,
} from '../../../../nodes/AdobeIoEvents/journal/links';

const JOURNAL = 'https://events-va6.adobe.io/events/organizations/1/integrations/2/reg-1';

describe('parseLinkHeader', () => {
	it('parses the full rel set Adobe sends (SDK mock), root-relative targets untouched', () => {
		const header = [
			'</events/organizations/orgId/integrations/integId/regId>; rel="events"',
			'</events-fast/organizations/orgId/integrations/integId/regId?since=position-1>; rel="next"',
			'</count/organizations/orgId/integrations/integId/regId?since=position-1>; rel="count"',
			'</events/organizations/orgId/integrations/integId/regId?latest=true>; rel="latest"',
			'</events/organizations/orgId/integrations/integId/regId?since={position}&limit={count}>; rel="page"',
		].join(', ');
		const links = parseLinkHeader(header);
		expect(links.next).toBe(
			'/events-fast/organizations/orgId/integrations/integId/regId?since=position-1',
		);
		expect(links.latest).toBe('/events/organizations/orgId/integrations/integId/regId?latest=true');
		expect(links.page).toBe(
			'/events/organizations/orgId/integrations/integId/regId?since={position}&limit={count}',
		);
		expect(Object.keys(links).sort()).toEqual(['count', 'events', 'latest', 'next', 'page']);
	});

	it('accepts several Link headers as an array, unquoted and multi-valued rels, commas inside <>', () => {
		const links = parseLinkHeader([
			'</a?x=1,2>; rel=next',
			'</b>; title="a, b; c"; rel="validate self"',
		]);
		expect(links).toEqual({ next: '/a?x=1,2', validate: '/b', self: '/b' });
	});

	it('first occurrence of a rel wins; garbage is ignored', () => {
		expect(parseLinkHeader('</1>; rel="next", </2>; rel="next", nonsense, <no-rel>')).toEqual({
			next: '/1',
		});
		expect(parseLinkHeader(undefined)).toEqual({});
		expect(parseLinkHeader('')).toEqual({});
	});
});

describe('resolveSameOrigin / nextLinkOf', () => {
	it('resolves root-relative links against the journal origin (not its path)', () => {
		expect(resolveSameOrigin('/events-fast/x?since=a:b', JOURNAL)).toBe(
			'https://events-va6.adobe.io/events-fast/x?since=a:b',
		);
	});

	it('refuses links to another origin (credentials would leak) and unparsable bases', () => {
		expect(resolveSameOrigin('https://evil.example/steal', JOURNAL)).toBeUndefined();
		expect(resolveSameOrigin('//evil.example/x', JOURNAL)).toBeUndefined();
		expect(resolveSameOrigin('/x', 'not a url')).toBeUndefined();
		expect(resolveSameOrigin('https://events-va6.adobe.io/ok', JOURNAL)).toBe(
			'https://events-va6.adobe.io/ok',
		);
	});

	it('reads the header case-insensitively', () => {
		expect(nextLinkOf({ Link: '</n?since=1>; rel="next"' }, JOURNAL)).toBe(
			'https://events-va6.adobe.io/n?since=1',
		);
		expect(nextLinkOf({ link: ['</a?since=1>; rel="self"', '</b?since=2>; rel="next"'] }, JOURNAL)).toBe(
			'https://events-va6.adobe.io/b?since=2',
		);
		expect(nextLinkOf(null, JOURNAL)).toBeUndefined();
	});
});
