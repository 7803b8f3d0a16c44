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

/**
 * What n8n 1.x's request helpers throw (n8n-workflow 1.x, probed against n8n 1.123.81): a NodeApiError WITHOUT
 * `cause` — its `cause` class field is reset after the constructor — that keeps the status as `httpCode`, the
 * parsed answer body as `context.data`, and for a network failure the code as `httpCode`. The headers are gone.
 */
function n8n1NodeApiError(fields: { httpCode: string; message: string; description?: string; data?: object }): Error {
	return Object.assign(new Error(fields.message), {
		name: 'NodeApiError',
		httpCode: fields.httpCode,
		description: fields.description,
		context: fields.data ? { data: fields.data } : {},
		messages: ['Request failed'],
	});
}

describe('readRequestFailure on n8n 1.x: the answer as n8n summarised it', () => {
	it('a 4xx/5xx keeps its status and Adobe\'s body (headers are lost with the wrapped error)', () => {
		const error = n8n1NodeApiError({
			httpCode: '409',
			message: 'Your request is invalid or could not be processed by the service',
			description: 'Registration with name X already exists, conflicting id abc123456',
			data: { reason: 'Conflict', message: 'Registration with name X already exists, conflicting id abc123456' },
		});
		expect(readRequestFailure(error, 'POST', 'https://api.adobe.io/x')).toEqual({
			kind: 'http',
			failure: {
				statusCode: 409,
				headers: {},
				body: { reason: 'Conflict', message: 'Registration with name X already exists, conflicting id abc123456' },
				method: 'POST',
				url: 'https://api.adobe.io/x',
			},
		});
		// without a parsed body, n8n's description stands in for it
		expect(readRequestFailure(n8n1NodeApiError({ httpCode: '503', message: 'down', description: 'maintenance' }), 'GET', 'u')).toMatchObject({
			kind: 'http',
			failure: { statusCode: 503, body: { message: 'maintenance' } },
		});
	});

	it('a network failure keeps its code (from httpCode); the full answer in a cause still wins (n8n 2.x)', () => {
		const refused = n8n1NodeApiError({ httpCode: 'ECONNREFUSED', message: 'The service refused the connection - perhaps it is offline' });
		expect(readRequestFailure(refused, 'GET', 'u')).toEqual({ kind: 'network', code: 'ECONNREFUSED' });
		expect(networkCodeOf(refused)).toBe('ECONNREFUSED');
		const withCause = Object.assign(n8n1NodeApiError({ httpCode: '409', message: 'invalid', data: { message: 'dup' } }), {
			cause: { response: { status: 409, headers: { 'x-conflicting-id': 'r1' }, data: { message: 'dup' } } },
		});
		expect(readRequestFailure(withCause, 'POST', 'u')).toMatchObject({ kind: 'http', failure: { headers: { 'x-conflicting-id': 'r1' } } });
		// not a status: a non-numeric or out-of-range httpCode is no answer
		expect(readRequestFailure(n8n1NodeApiError({ httpCode: '42', message: 'odd' }), 'GET', 'u')).toEqual({ kind: 'config', message: 'odd' });
	});
});
