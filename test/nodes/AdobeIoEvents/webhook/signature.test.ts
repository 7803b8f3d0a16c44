import { generateKeyPairSync } from 'node:crypto';
import {
	decodeSignature,
	MAX_SIGNATURE_LENGTH,
	verifyRsaSha256,
} from '../../../../nodes/AdobeIoEvents/webhook/signature';
import { keyPairs, signBytes } from './fixtures';

describe('RSA-SHA256 signature verification', () => {
	const [a, b] = keyPairs(2);
	const body = Buffer.from('{"specversion":"1.0","data":{"x":"ü 💡"}}', 'utf8');

	it('accepts a signature over the exact bytes', () => {
		expect(verifyRsaSha256(body, signBytes(body, a.privateKey), a.publicKey)).toBe(true);
	});

	it('rejects a body changed by one byte (tampered)', () => {
		const sig = signBytes(body, a.privateKey);
		const tampered = Buffer.from(body);
		tampered[tampered.length - 2] ^= 1;
		expect(verifyRsaSha256(tampered, sig, a.publicKey)).toBe(false);
	});

	it('rejects a re-serialised body (whitespace change)', () => {
		const pretty = Buffer.from('{"a": 1}');
		const sig = signBytes(Buffer.from('{"a":1}'), a.privateKey);
		expect(verifyRsaSha256(pretty, sig, a.publicKey)).toBe(false);
	});

	it('rejects a signature made with another key', () => {
		expect(verifyRsaSha256(body, signBytes(body, b.privateKey), a.publicKey)).toBe(false);
	});

	it('rejects malformed signatures without throwing', () => {
		const sig = signBytes(body, a.privateKey);
		for (const bad of [
			'',
			'not base64!',
			sig.slice(0, -4),
			`${sig}====`,
			'A'.repeat(MAX_SIGNATURE_LENGTH + 4),
			`${sig}, ${sig}`,
			sig.replace(/=+$/, ''),
		]) {
			expect(verifyRsaSha256(body, bad, a.publicKey)).toBe(false);
		}
		expect(verifyRsaSha256(body, undefined as unknown as string, a.publicKey)).toBe(false);
	});

	it('rejects non-RSA and private keys', () => {
		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		const sig = signBytes(body, a.privateKey);
		expect(verifyRsaSha256(body, sig, ec.publicKey)).toBe(false);
		expect(verifyRsaSha256(body, sig, a.privateKey)).toBe(false);
	});

	it('decodes only canonical padded base64', () => {
		expect(decodeSignature('QUJD')?.toString()).toBe('ABC');
		expect(decodeSignature('QUI=')?.toString()).toBe('AB');
		expect(decodeSignature('QUI')).toBeUndefined();
		expect(decodeSignature('QU=I')).toBeUndefined();
		expect(decodeSignature('QU-_')).toBeUndefined();
	});
});
