import { causeChain, MAX_CAUSE_DEPTH, networkCodeOf, networkCodeText } from '../../../../nodes/AdobeIoEvents/shared/errorChain';
import { AdobeConfigError } from '../../../../nodes/AdobeIoEvents/shared/environment';
import { readRequestFailure } from '../../../../nodes/AdobeIoEvents/transport/errors';

/** An error wrapped the way n8n wraps what axios threw. */
function wrapped(inner: object, levels: number): Error {
	let error: object = inner;
	for (let i = 0; i < levels; i++) error = Object.assign(new Error(`wrapper ${i}`), { cause: error });
	return error as Error;
}

describe('causeChain: THE walker over an error and its causes', () => {
	it('lists the error and its causes, outermost first, objects only, bounded', () => {
		const inner = { code: 'ECONNRESET' };
		expect(causeChain(wrapped(inner, 2)).map((e) => e.message ?? e.code)).toEqual(['wrapper 1', 'wrapper 0', 'ECONNRESET']);
		expect(causeChain('boom')).toEqual([]);
		expect(causeChain(Object.assign(new Error('x'), { cause: 'text' }))).toHaveLength(1);
		const loop: { cause?: unknown } = {};
		loop.cause = loop;
		expect(causeChain(loop)).toHaveLength(MAX_CAUSE_DEPTH);
		expect(causeChain(wrapped({ code: 'ECONNRESET' }, MAX_CAUSE_DEPTH))).toHaveLength(MAX_CAUSE_DEPTH);
	});
});

describe('networkCodeOf / networkCodeText', () => {
	it('finds network and TLS codes at any depth, not axios answer codes', () => {
		expect(networkCodeOf(wrapped({ code: 'ECONNREFUSED' }, 2))).toBe('ECONNREFUSED');
		expect(networkCodeOf(wrapped({ code: 'CERT_HAS_EXPIRED' }, 1))).toBe('CERT_HAS_EXPIRED');
		expect(networkCodeOf({ code: 'ERR_BAD_RESPONSE' })).toBeUndefined();
		expect(networkCodeOf({ code: 'not a code' })).toBeUndefined();
		expect(networkCodeOf(undefined)).toBeUndefined();
	});

	it('says it in words (n8n rewrites messages holding a raw code)', () => {
		expect(networkCodeText('ECONNREFUSED')).toBe('connection refused');
		expect(networkCodeText('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('self-signed TLS certificate');
		expect(networkCodeText('EPROTO')).toBe('proto');
		expect(networkCodeText('ERR_SOMETHING_NEW')).toBe('something new');
		expect(networkCodeText(undefined)).toBe('network error');
	});
});

describe('readRequestFailure: one pass over the chain, answer first', () => {
	it('an HTTP answer anywhere in the chain wins over a network code', () => {
		const axiosError = { code: 'ERR_BAD_REQUEST', response: { status: 409, headers: { 'x-conflicting-id': 'r1' }, data: { message: 'dup' } } };
		expect(readRequestFailure(wrapped(axiosError, 2), 'POST', 'https://api.adobe.io/x')).toEqual({
			kind: 'http',
			failure: { statusCode: 409, headers: { 'x-conflicting-id': 'r1' }, body: { message: 'dup' }, method: 'POST', url: 'https://api.adobe.io/x' },
		});
		expect(readRequestFailure({ response: { statusCode: 502, body: 'down' } }, 'GET', 'u')).toMatchObject({
			kind: 'http',
			failure: { statusCode: 502, headers: {}, body: 'down' },
		});
	});

	it('no answer: the network code; neither: the AdobeConfigError message, else the error message', () => {
		expect(readRequestFailure(wrapped({ code: 'ETIMEDOUT' }, 1), 'GET', 'u')).toEqual({ kind: 'network', code: 'ETIMEDOUT' });
		const config = new AdobeConfigError('The credential field "Client Secret" is empty.', 'Client Secret');
		expect(readRequestFailure(wrapped(config, 2), 'GET', 'u')).toEqual({
			kind: 'config',
			message: 'The credential field "Client Secret" is empty.',
		});
		expect(readRequestFailure(new Error('odd'), 'GET', 'u')).toEqual({ kind: 'config', message: 'odd' });
		expect(readRequestFailure('thrown text', 'GET', 'u')).toEqual({ kind: 'config', message: 'Unknown error' });
	});
});
