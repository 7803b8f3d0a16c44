/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @typescript-eslint/no-require-imports -- benchmark script: runs outside n8n; needs process (hrtime, stdout, env), spawns the emulator as its own process, and require()s the SDK (CommonJS devDependency) and the node file by its .ts name */
/**
 * bench:journal — time to drain 10 000 journal events with this package's journal trigger vs the official SDK's
 * `getEventsFromJournal` loop (@adobe/aio-lib-events), against the same emulator.
 *
 * Ours: the trigger's real poll() (AdobeIoEventsJournalTrigger) in n8n-core's real PollContext from the
 * shared test harness, so every request goes through n8n's httpRequestWithAuthentication + the package
 * transport, the credential goes through n8n's credential lookup and preAuthentication, and the
 * registration lookup, cursor, dedupe and output shaping run as in production. Each run is a new trigger
 * (empty static data: its first poll also looks for a registration it owned earlier and reads the
 * registration) with ONE poll context kept from poll to poll, as n8n builds it once at activation; it
 * polls until a poll returns nothing (the journal answered 204).
 * SDK: `getRegistration` once (to get the journal URL, as the trigger does), then `getEventsFromJournal`
 * following `link.next` until a response has no events (204).
 *
 * Fairness: same emulator (its own process), same registration and 10 000 events, same page size
 * (`limit`, default: the trigger's default page size, BENCH_PAGE_SIZE to change) on every request for both, one warm-up run each (tokens fetched, JIT warm),
 * then BENCH_ROUNDS rounds alternating which side goes first; both sides must read exactly the same
 * 10 000 event ids or the run fails. Reported: median seconds of each side, and as ratio the median of
 * the per-round ratios (each round's two runs are adjacent in time, so load from other processes on the
 * machine affects both sides of a pair alike).
 * The last line of output is exactly one JSON object {"ours_s":…,"sdk_s":…,"ratio":…}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DEFAULT_PAGE_SIZE } from '../nodes/AdobeIoEvents/journal/description';
import { adobeApiRequest, openAdobeSession } from '../nodes/AdobeIoEvents/transport';
import { createPollContext, TestCredentialStore } from '../test/helpers/n8n-context';

// Explicit .ts: plain resolution of "….node" would pick the codex file AdobeIoEventsJournalTrigger.node.json.
const { AdobeIoEventsJournalTrigger } =
	require('../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node.ts') as typeof import('../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node');

const sdkLib = require('@adobe/aio-lib-events') as {
	init(org: string, apiKey: string, token: string, options?: Record<string, unknown>): Promise<Sdk>;
};

interface Sdk {
	getRegistration(
		c: string,
		p: string,
		w: string,
		id: string,
	): Promise<{ _links: Record<string, { href: string }> }>;
	getEventsFromJournal(
		url: string,
		options?: Record<string, unknown>,
	): Promise<{
		events?: Array<{ position: string; event: { eventid: string } }>;
		link?: { next?: string };
	}>;
}

interface Ready {
	urls: {
		ims: string;
		api: string;
		ingress: string;
		journal: string;
		keys: string;
		control: string;
	};
	credentials: {
		clientId: string;
		clientSecret: string;
		imsOrgId: string;
		consumerOrgId: string;
		projectId: string;
		workspaceId: string;
		credentialId: string;
	};
}

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
// default: the trigger's own default page size; the SDK gets the same `limit`
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? DEFAULT_PAGE_SIZE);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PROVIDER = '6c2f1b9d-9f3e-4f0a-a7d1-aem000000001';
const EVENT_CODE = 'aem.sites.page.published';

function out(line: string): void {
	process.stdout.write(`${line}\n`);
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

async function startEmulatorProcess(): Promise<{ child: ChildProcess; ready: Ready }> {
	const root = resolve(__dirname, '..');
	const child = spawn(
		resolve(root, 'node_modules/.bin/tsx'),
		['test/emulator/src/cli.ts', '--port', '0'],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-4000);
	});
	const lines = createInterface({ input: child.stdout! });
	const ready = await new Promise<Ready>((ok, fail) => {
		const timer = setTimeout(
			() => fail(new Error(`emulator did not start in 60 s\n${stderr}`)),
			60_000,
		);
		child.once('exit', (code) => fail(new Error(`emulator exited (${code})\n${stderr}`)));
		lines.once('line', (line) => {
			clearTimeout(timer);
			ok(JSON.parse(line) as Ready);
		});
	});
	return { child, ready };
}

async function http(url: string, init: RequestInit = {}): Promise<unknown> {
	const res = await fetch(url, init);
	const text = await res.text();
	if (res.status >= 300)
		throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${text.slice(0, 300)}`);
	return text ? (JSON.parse(text) as unknown) : {};
}

async function main(): Promise<void> {
	const { child, ready } = await startEmulatorProcess();
	try {
		const c = ready.credentials;
		const tokenBody = (await http(`${ready.urls.ims}/ims/token/v3`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: c.clientId,
				client_secret: c.clientSecret,
			}),
		})) as { access_token: string };
		const token = tokenBody.access_token;
		const headers = {
			authorization: `Bearer ${token}`,
			'x-api-key': c.clientId,
			'x-ims-org-id': c.imsOrgId,
			'content-type': 'application/json',
			accept: 'application/hal+json',
		};
		const registration = (await http(
			`${ready.urls.api}/events/${c.consumerOrgId}/${c.projectId}/${c.workspaceId}/registrations`,
			{
				method: 'POST',
				headers,
				body: JSON.stringify({
					client_id: c.clientId,
					name: 'bench journal',
					description: 'bench',
					delivery_type: 'journal',
					events_of_interest: [{ provider_id: PROVIDER, event_code: EVENT_CODE }],
				}),
			},
		)) as { registration_id: string };
		const published = (await http(`${ready.urls.control}/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				event_code: EVENT_CODE,
				provider_id: PROVIDER,
				count: EVENTS,
				registration_id: registration.registration_id,
			}),
		})) as { event_ids: string[] };
		const expected = published.event_ids.join(',');

		// ---------------------------------------------------------------- ours
		const node = new AdobeIoEventsJournalTrigger();
		const parameters = NodeHelpers.getNodeParameters(
			node.description.properties,
			{
				registrationSource: 'existing',
				registrationId: { __rl: true, mode: 'id', value: registration.registration_id },
				startFrom: 'oldest',
				options: { pageSize: PAGE_SIZE, maxEvents: EVENTS, maxPages: 1000 },
			},
			true,
			false,
			{ typeVersion: 1 },
			node.description,
		) as INodeParameters;
		const credentials = {
			authentication: 'oauthS2S',
			environment: 'custom',
			imsUrl: ready.urls.ims,
			apiUrl: ready.urls.api,
			ingressUrl: ready.urls.ingress,
			publicKeyUrl: ready.urls.keys,
			journalUrl: ready.urls.journal,
			clientId: c.clientId,
			clientSecret: c.clientSecret,
			imsOrgId: c.imsOrgId,
			consumerOrgId: c.consumerOrgId,
			projectId: c.projectId,
			workspaceId: c.workspaceId,
			credentialId: c.credentialId,
		};
		const store = new TestCredentialStore(); // like a running n8n: the token is cached in the credential
		const runOurs = async (): Promise<{ s: number; ids: string }> => {
			const ids: string[] = [];
			// A new trigger (empty static data). Like n8n, which builds a node's poll context once when the
			// workflow is activated and calls poll() on it for every poll, the context is created before the
			// clock starts (as the SDK's init is); static data lives in it from poll to poll.
			const harness = createPollContext({
				nodeType: node,
				parameters,
				credentials: { adobeIoEventsApi: credentials },
				nodeStaticData: {},
				store,
			});
			const t0 = process.hrtime.bigint();
			for (let polls = 0; polls < 1000; polls++) {
				const result = await node.poll.call(harness.context);
				if (result === null) break;
				for (const item of result[0]) ids.push(String(item.json.eventid));
			}
			return { s: seconds(t0), ids: ids.join(',') };
		};

		// ---------------------------------------------------------------- SDK
		const sdk = await sdkLib.init(c.imsOrgId, c.clientId, token, { eventsBaseURL: ready.urls.api });
		const runSdk = async (): Promise<{ s: number; ids: string }> => {
			const ids: string[] = [];
			const t0 = process.hrtime.bigint();
			const reg = await sdk.getRegistration(
				c.consumerOrgId,
				c.projectId,
				c.workspaceId,
				registration.registration_id,
			);
			let url = reg._links['rel:events'].href;
			let options: Record<string, unknown> | undefined = { limit: PAGE_SIZE };
			for (let pages = 0; pages < 100_000; pages++) {
				const res = await sdk.getEventsFromJournal(url, options);
				if (!res.events) break;
				for (const e of res.events) ids.push(e.event.eventid);
				if (!res.link?.next) throw new Error('SDK: response without next link');
				url = res.link.next; // carries limit
				options = undefined;
			}
			return { s: seconds(t0), ids: ids.join(',') };
		};

		// ------------------------------------------------ n8n floor (informational)
		// The SDK loop's requests (the registration, then the page chain) made with n8n's bare
		// httpRequestWithAuthentication (no transport, no trigger code): what any node pays per request in
		// n8n (credential lookup, fresh agents per request, axios, SSRF guard).
		const registrationUrl = `${ready.urls.api}/events/${c.consumerOrgId}/${c.projectId}/${c.workspaceId}/registrations/${registration.registration_id}`;
		const runFloor = async (): Promise<{ s: number; ids: string }> => {
			const ids: string[] = [];
			const { context } = createPollContext({
				credentials: { adobeIoEventsApi: credentials },
				store,
			});
			const t0 = process.hrtime.bigint();
			const reg = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				'adobeIoEventsApi',
				{ url: registrationUrl, json: true, headers: { accept: 'application/hal+json' } },
			)) as { _links: Record<string, { href: string }> };
			const journalUrl = reg._links['rel:events'].href;
			let url = `${journalUrl}?limit=${PAGE_SIZE}`;
			for (let pages = 0; pages < 100_000; pages++) {
				const res = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					'adobeIoEventsApi',
					{
						url,
						json: true,
						returnFullResponse: true,
					},
				)) as {
					statusCode: number;
					headers: Record<string, string>;
					body: { events: Array<{ event: { eventid: string } }> };
				};
				if (res.statusCode === 204) break;
				for (const e of res.body.events) ids.push(e.event.eventid);
				url = new URL(/<([^>]*)>;\s*rel="next"/.exec(res.headers.link)![1], journalUrl).toString();
			}
			return { s: seconds(t0), ids: ids.join(',') };
		};

		// The same requests through the package transport (adobeApiRequest with one credential session, as
		// the trigger uses it), without the trigger's own logic.
		const runTransport = async (): Promise<{ s: number; ids: string }> => {
			const ids: string[] = [];
			const { context } = createPollContext({
				credentials: { adobeIoEventsApi: credentials },
				store,
			});
			const t0 = process.hrtime.bigint();
			const session = await openAdobeSession.call(context);
			const reg = (await adobeApiRequest.call(context, {
				method: 'GET',
				url: registrationUrl,
				session,
			})) as unknown as { _links: Record<string, { href: string }> };
			const journalUrl = reg._links['rel:events'].href;
			let url = `${journalUrl}?limit=${PAGE_SIZE}`;
			for (let pages = 0; pages < 100_000; pages++) {
				const res = (await adobeApiRequest.call(context, {
					method: 'GET',
					url,
					returnFullResponse: true,
					session,
				})) as unknown as {
					statusCode: number;
					headers: Record<string, string>;
					body: { events: Array<{ event: { eventid: string } }> };
				};
				if (res.statusCode === 204) break;
				for (const e of res.body.events) ids.push(e.event.eventid);
				url = new URL(/<([^>]*)>;\s*rel="next"/.exec(res.headers.link)![1], journalUrl).toString();
			}
			return { s: seconds(t0), ids: ids.join(',') };
		};

		const check = (label: string, r: { ids: string }) => {
			if (r.ids !== expected)
				throw new Error(`${label} did not read exactly the ${EVENTS} published events in order`);
		};
		out(
			`bench:journal — ${EVENTS} events, page size ${PAGE_SIZE}, ${ROUNDS} rounds (+1 warm-up), emulator pid ${child.pid}`,
		);
		check('ours (warm-up)', await runOurs());
		check('sdk (warm-up)', await runSdk());
		check('n8n floor (warm-up)', await runFloor());
		check('transport (warm-up)', await runTransport());
		const ours: number[] = [];
		const sdkTimes: number[] = [];
		const floor: number[] = [];
		const transport: number[] = [];
		// CPU time of this process per drain: independent of what else runs on the machine, and it leaves out
		// the emulator (its own process), so it shows where the client side spends its time.
		const cpu = {
			ours: [] as number[],
			sdk: [] as number[],
			floor: [] as number[],
			transport: [] as number[],
		};
		const measured = async (
			side: keyof typeof cpu,
			run: () => Promise<{ s: number; ids: string }>,
		) => {
			const before = process.cpuUsage();
			const r = await run();
			const used = process.cpuUsage(before);
			cpu[side].push((used.user + used.system) / 1e6);
			return r;
		};
		for (let round = 0; round < ROUNDS; round++) {
			const order = round % 2 === 0 ? (['ours', 'sdk'] as const) : (['sdk', 'ours'] as const);
			for (const side of order) {
				const r = await measured(side, side === 'ours' ? runOurs : runSdk);
				check(side, r);
				(side === 'ours' ? ours : sdkTimes).push(r.s);
			}
			const f = await measured('floor', runFloor);
			check('n8n floor', f);
			floor.push(f.s);
			const tr = await measured('transport', runTransport);
			check('transport', tr);
			transport.push(tr.s);
			out(
				`round ${round + 1}: ours ${ours[round].toFixed(3)} s, sdk ${sdkTimes[round].toFixed(3)} s, n8n floor ${f.s.toFixed(3)} s, transport ${tr.s.toFixed(3)} s`,
			);
		}
		const oursS = median(ours);
		const sdkS = median(sdkTimes);
		const ratio = median(ours.map((o, i) => o / sdkTimes[i]));
		out(
			`CPU of this process per drain (median): ours ${median(cpu.ours).toFixed(4)} s, sdk ${median(cpu.sdk).toFixed(4)} s, n8n floor ${median(cpu.floor).toFixed(4)} s, transport ${median(cpu.transport).toFixed(4)} s`,
		);
		out(
			`transport (adobeApiRequest with one credential session, the SDK loop's requests, no trigger logic): median ${median(transport).toFixed(3)} s; transport / floor ${median(transport.map((o, i) => o / floor[i])).toFixed(3)}, ours / transport ${median(ours.map((o, i) => o / transport[i])).toFixed(3)}`,
		);
		out(
			`n8n floor (bare httpRequestWithAuthentication, the SDK loop's requests): median ${median(floor).toFixed(3)} s; ours / floor ${median(ours.map((o, i) => o / floor[i])).toFixed(3)}, floor / sdk ${median(floor.map((o, i) => o / sdkTimes[i])).toFixed(3)}`,
		);
		// How much of our gap to the SDK n8n's own request helper already costs (same requests, no package code).
		const gap = oursS - sdkS;
		const floorGap = median(floor) - sdkS;
		out(
			`of the gap ours − sdk (${(gap * 1000).toFixed(1)} ms), the bare n8n request helper alone accounts for ${(floorGap * 1000).toFixed(1)} ms${gap > 0 ? ` (${Math.round((100 * floorGap) / gap)} %)` : ''}; CPU: ours − sdk ${((median(cpu.ours) - median(cpu.sdk)) * 1000).toFixed(1)} ms, n8n floor − sdk ${((median(cpu.floor) - median(cpu.sdk)) * 1000).toFixed(1)} ms`,
		);
		out(
			`median: ours ${oursS.toFixed(3)} s, sdk ${sdkS.toFixed(3)} s, median per-round ratio ${ratio.toFixed(3)} (target ≤ 1.2)`,
		);
		out(
			JSON.stringify({
				ours_s: Number(oursS.toFixed(4)),
				sdk_s: Number(sdkS.toFixed(4)),
				ratio: Number(ratio.toFixed(3)),
			}),
		);
	} finally {
		child.kill('SIGTERM');
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`bench:journal failed: ${(error as Error)?.stack ?? String(error)}\n`);
		process.exit(1);
	},
);
