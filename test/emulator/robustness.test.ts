/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code: runs outside n8n; spawns the emulator CLI with fixed arguments (child_process, process) and probes sockets (node:net, os) */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { startEmulator, type Emulator } from './src/index';
import { apiClient, control, http, s2sToken } from './helpers';

let emu: Emulator;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
	emu = await startEmulator();
	api = apiClient(emu, await s2sToken(emu));
});
afterAll(() => emu.close());

function isAdobeShaped(status: number, text: string, contentType: string | null): boolean {
	if (status < 400) return true;
	if (!contentType?.includes('json')) return status === 410 || contentType?.includes('text/plain') === true || contentType?.includes('xml') === true;
	const body = JSON.parse(text) as Record<string, unknown>;
	return (typeof body.reason === 'string' && typeof body.message === 'string') || (typeof body.error_code === 'string' && typeof body.message === 'string') || (typeof body.error === 'string' && typeof body.error_description === 'string');
}

describe('loopback only', () => {
	test('every service listens on 127.0.0.1 and refuses other interfaces', async () => {
		const external = Object.values(networkInterfaces())
			.flat()
			.find((i) => i && i.family === 'IPv4' && !i.internal);
		for (const u of Object.values(emu.urls)) {
			const url = new URL(u);
			expect(url.hostname).toBe('127.0.0.1');
			if (external) {
				const err = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
					const s = connect(Number(url.port), external.address);
					s.on('connect', () => {
						s.destroy();
						resolve(undefined);
					});
					s.on('error', (e) => resolve(e));
				});
				expect(err?.code).toBe('ECONNREFUSED');
			}
		}
	});
});

describe('bad input never crashes or hangs', () => {
	test('malformed JSON, wrong shapes, unknown routes and methods → Adobe-shaped errors', async () => {
		const h = { ...api.headers(), 'content-type': 'application/json' };
		const cases: Array<[string, RequestInit, number]> = [
			[`${emu.urls.api}${api.ws}/registrations`, { method: 'POST', headers: h, body: '{"name":' }, 400],
			[`${emu.urls.api}${api.ws}/registrations`, { method: 'POST', headers: h, body: '[]' }, 400],
			[`${emu.urls.api}${api.ws}/registrations`, { method: 'POST', headers: h, body: '' }, 400],
			[`${emu.urls.api}${api.ws}/providers`, { method: 'POST', headers: h, body: '"label"' }, 400],
			[`${emu.urls.api}/events/nothing/here/at/all/x/y/z`, { headers: h }, 404],
			[`${emu.urls.api}/events/providermetadata`, { method: 'DELETE', headers: h }, 405],
			[`${emu.urls.api}/events/providers/%E0%A4%A`, { headers: h }, 404],
			[`${emu.urls.control}/events`, { method: 'POST', body: '{"event_code":"com.adobe.platform.events.file_created","count":1e9}' }, 400],
			[`${emu.urls.control}/events`, { method: 'POST', body: '{"event_code":"no.such.code"}' }, 400],
			[`${emu.urls.control}/faults`, { method: 'POST', body: '{"target":"moon","status":500}' }, 400],
			[`${emu.urls.control}/faults`, { method: 'POST', body: '{"target":"api","status":500,"mode":"bad_signature"}' }, 400],
			[`${emu.urls.control}/clock/advance`, { method: 'POST', body: '{"ms":-5}' }, 400],
			[`${emu.urls.control}/clock`, { method: 'POST', body: '{"mode":"sideways"}' }, 400],
			[`${emu.urls.control}/config`, { method: 'POST', body: '{"nope":1}' }, 400],
			[`${emu.urls.control}/registrations/nope`, {}, 404],
			[`${emu.urls.ims}/ims/token/v3`, { method: 'POST' }, 400],
			[`${emu.urls.ims}/ims/nothing`, {}, 404],
			[`${emu.urls.keys}/prod/keys/../../etc/passwd`, {}, 404],
			[`${emu.urls.journal}/events/organizations/x/integrations/y/z`, { headers: h }, 404],
		];
		for (const [url, init, status] of cases) {
			const res = await fetch(url, init);
			const text = await res.text();
			expect({ url, status: res.status }).toEqual({ url, status });
			expect(isAdobeShaped(res.status, text, res.headers.get('content-type'))).toBe(true);
			expect(res.headers.get('x-request-id')).toBeTruthy();
		}
	});

	test('request bodies are size-limited (413), and the connection stays usable', async () => {
		const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
		const res = await http(`${emu.urls.api}${api.ws}/registrations`, { method: 'POST', headers: { ...api.headers(), 'content-type': 'application/json' }, body: big });
		expect(res.status).toBe(413);
		expect(res.json().reason).toMatch(/exceeds the limit/);
		const ingress = await http(emu.urls.ingress, { method: 'POST', headers: { authorization: api.headers().authorization, 'x-api-key': emu.credentials.clientId, 'content-type': 'application/cloudevents+json' }, body: big });
		expect(ingress.status).toBe(413);
		expect((await api.get(`/events/providermetadata`)).status).toBe(200);
	});

	test('property: random methods, paths and bodies on every service get a well-formed answer (< 500)', async () => {
		const services = ['ims', 'api', 'ingress', 'journal', 'keys', 'control'] as const;
		const segment = fc.oneof(fc.constantFrom('events', 'providers', 'registrations', 'eventmetadata', emu.credentials.consumerOrgId, emu.credentials.projectId, emu.credentials.workspaceId, 'organizations', 'integrations', 'ims', 'token', 'v3', 'prod', 'keys', 'faults', 'clock', 'sign'), fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/));
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...services),
				fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
				fc.array(segment, { minLength: 0, maxLength: 7 }),
				fc.oneof(fc.constant(undefined), fc.json(), fc.string({ maxLength: 200 })),
				async (svc, method, segs, body) => {
					if (svc === 'control' && (segs[0] === 'reset' || segs[0] === 'tokens' || segs[0] === 'clock' || segs[0] === 'keys')) return;
					const url = `${emu.urls[svc]}/${segs.join('/')}`;
					const res = await fetch(url, { method, headers: { ...api.headers(), 'content-type': 'application/json' }, ...(method === 'GET' || body === undefined ? {} : { body }) });
					const text = await res.text();
					expect(res.status).toBeLessThan(500);
					expect(isAdobeShaped(res.status, text, res.headers.get('content-type'))).toBe(true);
				},
			),
			{ numRuns: 150 },
		);
	});
});

describe('fault injection on services', () => {
	test('status faults hit the next N requests only (ims, api, keys, ingress, journal) with the service error shape', async () => {
		await control(emu, 'POST', '/faults', [
			{ target: 'ims', status: 503, count: 1 },
			{ target: 'api', status: 429, count: 2, retry_after: 3 },
			{ target: 'keys', status: 500 },
		]);
		const ims = await http(`${emu.urls.ims}/ims/token/v3`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret }) });
		expect(ims.status).toBe(503);
		expect(ims.json().error).toBe('server_error');
		for (let i = 0; i < 2; i++) {
			const res = await api.get('/events/providermetadata');
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe('3');
			expect(res.json().error_code).toBe('429050');
		}
		expect((await api.get('/events/providermetadata')).status).toBe(200);
		const keys = (await control<{ keys: Array<{ path: string }> }>(emu, 'GET', '/keys')).keys;
		expect((await http(`${emu.urls.keys}${keys[0].path}`)).status).toBe(500);
		expect((await http(`${emu.urls.keys}${keys[0].path}`)).status).toBe(200);
	});

	test('timeout faults hold the request and then drop the connection', async () => {
		await control(emu, 'POST', '/faults', { target: 'api', timeout: 200 });
		const t0 = Date.now();
		await expect(api.get('/events/providermetadata')).rejects.toThrow();
		expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
		expect((await api.get('/events/providermetadata')).status).toBe(200);
	});

	test('match narrows a fault to paths containing a string', async () => {
		await control(emu, 'POST', '/faults', { target: 'api', status: 500, match: '/registrations' });
		expect((await api.get('/events/providermetadata')).status).toBe(200);
		expect((await api.get(`${api.ws}/registrations`)).status).toBe(500);
		await control(emu, 'DELETE', '/faults');
	});
});

describe('POST /sign', () => {
	test('signs exact bytes or builds an enriched event for a recipient', async () => {
		const body = '{"a":1}';
		const signed = await control<{ body: string; headers: Record<string, string> }>(emu, 'POST', '/sign', { body });
		expect(signed.body).toBe(body);
		expect(Object.keys(signed.headers).sort()).toEqual(['x-adobe-digital-signature-1', 'x-adobe-digital-signature-2', 'x-adobe-public-key1-path', 'x-adobe-public-key2-path', 'x-adobe-signature']);
		const built = await control<{ body: string }>(emu, 'POST', '/sign', { event: { type: 't' }, recipient: 'someone' });
		expect(JSON.parse(built.body)).toMatchObject({ type: 't', recipientclientid: 'someone', recipient_client_id: 'someone' });
	});
});

describe('CLI', () => {
	test('npm run --silent emulator prints the ready line first and stops on SIGTERM', async () => {
		const root = join(__dirname, '../..');
		const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let buf = '';
				const timer = setTimeout(() => reject(new Error(`no ready line: ${buf}`)), 25_000);
				child.stdout.on('data', (c: Buffer) => {
					buf += c.toString();
					const nl = buf.indexOf('\n');
					if (nl >= 0) {
						clearTimeout(timer);
						resolve(buf.slice(0, nl));
					}
				});
			});
			const ready = JSON.parse(line) as { ready: boolean; urls: Record<string, string>; credentials: Record<string, string> };
			expect(ready.ready).toBe(true);
			expect(Object.keys(ready.urls).sort()).toEqual(['api', 'control', 'ims', 'ingress', 'journal', 'keys']);
			expect(Object.keys(ready.credentials).sort()).toEqual(['clientId', 'clientSecret', 'consumerOrgId', 'credentialId', 'imsOrgId', 'privateKey', 'projectId', 'technicalAccountId', 'workspaceId']);
			expect((await http(`${ready.urls.control}/`)).status).toBe(200);
			const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
			process.kill(-(child.pid as number), 'SIGTERM');
			await exited;
			// the emulator process closes its listeners right after (it may take a moment under load)
			const deadline = Date.now() + 15_000;
			let down = false;
			while (!down && Date.now() < deadline) {
				down = await fetch(`${ready.urls.control}/`).then(
					() => false,
					() => true,
				);
				if (!down) await new Promise((r) => setTimeout(r, 100));
			}
			expect(down).toBe(true);
		} finally {
			try {
				process.kill(-(child.pid as number), 'SIGKILL');
			} catch {
				/* already gone */
			}
		}
	}, 40_000);

	test('the emulator process itself exits 0 on SIGTERM (graceful close) and rejects bad arguments', async () => {
		const root = join(__dirname, '../..');
		const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
		const bad = spawn(process.execPath, [tsx, 'test/emulator/src/cli.ts', '--port', 'abc'], { cwd: root });
		expect(await new Promise<number | null>((r) => bad.on('exit', (code) => r(code)))).toBe(2);
		const child = spawn(process.execPath, [tsx, 'test/emulator/src/cli.ts', '--port=0', '--clock', 'manual'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		const line = await new Promise<string>((resolve, reject) => {
			let buf = '';
			const timer = setTimeout(() => reject(new Error('no ready line')), 25_000);
			child.stdout.on('data', (c: Buffer) => {
				buf += c.toString();
				if (buf.includes('\n')) {
					clearTimeout(timer);
					resolve(buf.split('\n')[0]);
				}
			});
		});
		const ready = JSON.parse(line) as { urls: Record<string, string> };
		expect((await http(`${ready.urls.control}/clock`)).json().mode).toBe('manual');
		const code = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
		child.kill('SIGTERM');
		expect(await code).toBe(0);
	}, 40_000);
});
