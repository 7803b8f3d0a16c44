import { createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';

import { AdobeConfigError } from '../../../../nodes/AdobeIoEvents/shared/environment';
import {
	buildJwtClaims,
	loadPrivateKey,
	normalisePem,
	signJwtRs256,
	splitList,
} from '../../../../nodes/AdobeIoEvents/shared/jwt';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const passphrase = 'correct horse battery staple';
const encryptedPkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
const encryptedPkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;

function verify(jwt: string, key: KeyObject): boolean {
	const [h, p, s] = jwt.split('.');
	return createVerify('RSA-SHA256').update(`${h}.${p}`).verify(key, Buffer.from(s, 'base64url'));
}

function catchError(fn: () => unknown): AdobeConfigError {
	try {
		fn();
	} catch (error) {
		return error as AdobeConfigError;
	}
	throw new Error('expected an error');
}

describe('PEM private keys', () => {
	it.each([
		['PKCS#1', pkcs1, undefined],
		['PKCS#8', pkcs8, undefined],
		['encrypted PKCS#8', encryptedPkcs8, passphrase],
		['encrypted PKCS#1 (Proc-Type)', encryptedPkcs1, passphrase],
	])('loads a %s key that signs verifiable JWTs', (_label, pem, pass) => {
		const key = loadPrivateKey(pem, pass);
		const jwt = signJwtRs256({ a: 1 }, key);
		expect(verify(jwt, publicKey)).toBe(true);
	});

	it('accepts keys pasted with literal \\n sequences (from JSON) or on one line', () => {
		const escaped = pkcs8.replace(/\n/g, '\\n');
		expect(loadPrivateKey(escaped).asymmetricKeyType).toBe('rsa');
		const oneLine = pkcs8.replace(/\n/g, ' ');
		expect(loadPrivateKey(oneLine).asymmetricKeyType).toBe('rsa');
		const crlf = encryptedPkcs1.replace(/\n/g, '\r\n');
		expect(loadPrivateKey(crlf, passphrase).asymmetricKeyType).toBe('rsa');
		const legacyOneLine = encryptedPkcs1.replace(/\n+/g, ' ');
		expect(loadPrivateKey(legacyOneLine, passphrase).asymmetricKeyType).toBe('rsa');
	});

	it('names the passphrase field when the passphrase is wrong or missing', () => {
		for (const pem of [encryptedPkcs8, encryptedPkcs1]) {
			const wrong = catchError(() => loadPrivateKey(pem, 'wrong passphrase'));
			expect(wrong).toBeInstanceOf(AdobeConfigError);
			expect(wrong.message).toMatch(/Private Key Passphrase/);
			expect(wrong.message).not.toContain('wrong passphrase');
			const missing = catchError(() => loadPrivateKey(pem, ''));
			expect(missing.message).toMatch(/encrypted.*Private Key Passphrase/);
		}
	});

	it('names the private key field for empty, non-PEM, damaged, public or certificate input', () => {
		expect(catchError(() => loadPrivateKey('')).message).toMatch(/"Private Key" is empty/);
		expect(catchError(() => loadPrivateKey('hello')).message).toMatch(/"Private Key" is not a PEM private key/);
		const damaged = pkcs8.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
		expect(catchError(() => loadPrivateKey(damaged)).message).toMatch(/"Private Key" is damaged/);
		const truncated = pkcs8.split('\n').filter((_, i) => i !== 3).join('\n');
		expect(catchError(() => loadPrivateKey(truncated)).message).toMatch(/"Private Key" could not be read/);
		const pub = publicKey.export({ type: 'spki', format: 'pem' }) as string;
		expect(catchError(() => loadPrivateKey(pub)).message).toMatch(/public key, not the private key/);
		expect(catchError(() => loadPrivateKey('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).message).toMatch(
			/certificate, not the private key/,
		);
	});

	it('rejects non-RSA keys', () => {
		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
		expect(catchError(() => loadPrivateKey(ec)).message).toMatch(/EC key; .*RSA/);
	});

	it('reports the PEM kind', () => {
		expect(normalisePem(pkcs1)).toMatchObject({ kind: 'pkcs1', encrypted: false });
		expect(normalisePem(encryptedPkcs1)).toMatchObject({ kind: 'pkcs1', encrypted: true });
		expect(normalisePem(encryptedPkcs8)).toMatchObject({ kind: 'pkcs8-encrypted', encrypted: true });
	});

	it('never puts key material into error messages', () => {
		const body = pkcs8.split('\n')[2];
		const error = catchError(() => loadPrivateKey(pkcs8.replace('-----END PRIVATE KEY-----', '')));
		expect(error.message).not.toContain(body);
	});
});

describe('JWT claims', () => {
	it('builds the aio-lib-ims-jwt claims with metascopes on the IMS host', () => {
		const claims = buildJwtClaims({
			imsUrl: 'https://ims-na1.adobelogin.com',
			clientId: 'abc',
			imsOrgId: 'ORG@AdobeOrg',
			technicalAccountId: 'TECH@techacct.adobe.com',
			metascopes: ['ent_adobeio_sdk', 'https://ims-na1.adobelogin.com/s/event_receiver_api'],
			now: 1_700_000_000,
		});
		expect(claims).toEqual({
			exp: 1_700_000_300,
			iat: 1_700_000_000,
			iss: 'ORG@AdobeOrg',
			sub: 'TECH@techacct.adobe.com',
			aud: 'https://ims-na1.adobelogin.com/c/abc',
			'https://ims-na1.adobelogin.com/s/ent_adobeio_sdk': true,
			'https://ims-na1.adobelogin.com/s/event_receiver_api': true,
		});
	});

	it('signs a compact RS256 JWS whose header and payload decode to the input', () => {
		const jwt = signJwtRs256({ iss: 'x' }, privateKey);
		const [h, p] = jwt.split('.');
		expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
		expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toEqual({ iss: 'x' });
		expect(verify(jwt, publicKey)).toBe(true);
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
		expect(verify(jwt, other)).toBe(false);
	});

	it('splits comma, space and newline separated lists', () => {
		expect(splitList(' a, b\nc  d,,')).toEqual(['a', 'b', 'c', 'd']);
		expect(splitList(undefined)).toEqual([]);
	});
});
