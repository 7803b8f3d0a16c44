import {
	createHmac,
	createPrivateKey,
	generateKeyPairSync,
	sign,
	type KeyObject,
} from 'node:crypto';

export interface TestKeyPair {
	privateKey: KeyObject;
	publicKey: KeyObject;
	publicPem: string;
}

const cache = new Map<number, TestKeyPair[]>();

/** Real RSA key pairs (generated once per test file and bit size). */
export function keyPairs(count = 2, modulusLength = 2048): TestKeyPair[] {
	const existing = cache.get(modulusLength) ?? [];
	while (existing.length < count) {
		const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
		existing.push({
			privateKey: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })),
			publicKey,
			publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
		});
	}
	cache.set(modulusLength, existing);
	return existing.slice(0, count);
}

export function signBytes(body: Buffer, privateKey: KeyObject): string {
	return sign('sha256', body, privateKey).toString('base64');
}

/** Adobe's legacy x-adobe-signature: base64(HMAC-SHA256(client secret, raw body)). */
export function hmacSignature(body: Uint8Array, clientSecret: string): string {
	return createHmac('sha256', clientSecret).update(body).digest('base64');
}

export const CLIENT_ID = 'c5a34355b7f5491f8277b8dd63f0bfa3';
export const PATH_ONE = '/prod/keys/pub-key-lyTiz3gQe4.pem';
export const PATH_TWO = '/prod/keys/pub-key-kruhWwu4Or.pem';
export const KEY_BASE = 'https://static.adobeioevents.com';

export function cloudEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		specversion: '1.0',
		id: '83b0eac0-56d6-4499-afa6-4dc58ff6ac7f',
		source: 'urn:uuid:provider-1',
		type: 'com.example.file_created',
		datacontenttype: 'application/json',
		// now: signed events older than 48 h do not run (webhook/freshness.ts)
		time: new Date().toISOString(),
		eventid: 'b555a1b1-935b-4541-b410-1915775338b5',
		event_id: 'b555a1b1-935b-4541-b410-1915775338b5',
		recipientclientid: CLIENT_ID,
		recipient_client_id: CLIENT_ID,
		data: { path: '/a/b.jpg', size: 12 },
		...overrides,
	};
}

/** Headers of a signed delivery, as Adobe sends them. */
export function signedHeaders(
	body: Buffer,
	pairs: TestKeyPair[],
	paths: [string, string] = [PATH_ONE, PATH_TWO],
): Record<string, string> {
	return {
		'content-type': 'application/cloudevents+json; charset=UTF-8',
		'x-adobe-digital-signature-1': signBytes(body, pairs[0].privateKey),
		'x-adobe-digital-signature-2': signBytes(body, pairs[1].privateKey),
		'x-adobe-public-key1-path': paths[0],
		'x-adobe-public-key2-path': paths[1],
		'x-adobe-delivery-id': 'delivery-1',
		'x-adobe-event-id': 'b555a1b1-935b-4541-b410-1915775338b5',
		'x-adobe-event-code': 'com.example.file_created',
		'x-adobe-provider': 'provider-name',
	};
}
