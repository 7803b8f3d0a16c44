/**
 * The diagnosis rule table: one test per verdict (each names the state, the cause and the action a
 * no-code user needs), the cross-cutting findings, and the cause table.
 */
import type { IDataObject } from 'n8n-workflow';

import { RULES, causeOf, diagnose, failureCause, type DiagnosisInput } from '../../../../nodes/AdobeIoEvents/diagnosis/rules';
import { flattenTrace, type DeliveryTrace } from '../../../../nodes/AdobeIoEvents/diagnosis/traces';
import { classifyWebhookUrl } from '../../../../nodes/AdobeIoEvents/diagnosis/webhookUrl';

const BASE = 'https://n8n.example.com/';
const PROD_URL = 'https://n8n.example.com/webhook/7d3c4b0a-1111-4222-8333-944455556666/webhook';
const TEST_URL = 'https://n8n.example.com/webhook-test/7d3c4b0a-1111-4222-8333-944455556666/webhook';
const T0 = Date.parse('2026-05-04T12:00:00Z');

function registration(overrides: IDataObject = {}): IDataObject {
	return {
		registration_id: 'reg-1',
		name: 'n8n: Assets / Adobe I/O Events Trigger (wf1)',
		delivery_type: 'webhook',
		webhook_url: PROD_URL,
		webhook_status: 'verified',
		enabled: true,
		events_of_interest: [{ provider_id: 'p', event_code: 'com.adobe.platform.events.file_created' }],
		...overrides,
	};
}

/** A delivery `minutesAgo` before T0 that Adobe's webhook answered with `code`. */
function delivery(code: number, minutesAgo = 0, kind: 'delivery' | 'validation' = 'delivery'): DeliveryTrace {
	const ts = T0 - minutesAgo * 60_000;
	return flattenTrace({
		event: kind === 'validation' ? 'challenge' : 'com.adobe.platform.events.file_created',
		id: `d-${code}-${minutesAgo}`,
		trace: {
			tracingRequest: {
				requestUrl: kind === 'validation' ? `${PROD_URL}?challenge=x` : PROD_URL,
				requestMethod: kind === 'validation' ? 'GET' : 'POST',
				requestBody: kind === 'validation' ? '' : `{"eventid":"e-${minutesAgo}"}`,
				requestHeaders: kind === 'validation' ? {} : { 'x-adobe-event-id': [`e-${minutesAgo}`] },
			},
			tracingResponse: { responseCode: code, responseTime: 80, responseBody: '' },
			ts,
		},
	});
}

/** `n` deliveries answered `code`, one a minute, the newest `startMinutesAgo` before T0. */
function series(code: number, n: number, startMinutesAgo = 0): DeliveryTrace[] {
	return Array.from({ length: n }, (_, i) => delivery(code, startMinutesAgo + i));
}

function run(input: Partial<DiagnosisInput> & { registration?: IDataObject }) {
	return diagnose({ instanceBaseUrl: BASE, environment: 'production', traces: [], ...input, registration: input.registration ?? registration() });
}

describe('verdicts (one rule each)', () => {
	it('healthy: "Healthy: 37 deliveries, all 200"', () => {
		const d = run({ traces: series(200, 37) });
		expect(d).toMatchObject({ verdict: 'healthy', severity: 'ok', status: 'Active', summary: 'Healthy: 37 deliveries, all 200.', action: 'Nothing to do.' });
	});

	it('disabled after 401s: counts the failures in 24 h, names the last answers and the proxy', () => {
		const traces = [...series(401, 5), ...series(200, 3, 5), ...series(401, 7, 8)];
		const d = run({ registration: registration({ webhook_status: 'hook_unreachable', enabled: false }), traces });
		expect(d.verdict).toBe('disabled');
		expect(d.severity).toBe('error');
		expect(d.status).toBe('Disabled');
		expect(d.summary).toBe(
			'Adobe disabled this registration after 12 failed deliveries in 24 h; the last 5 answers were 401 (signature check failed) — a proxy in front of n8n is probably changing the body (Adobe signs the exact bytes), or the Watch Events trigger’s credential belongs to another Adobe project than this registration. New events are not delivered.',
		);
		expect(d.action).toMatch(/pass the request body through unchanged/);
		expect(d.action).toMatch(/Registration → Enable/);
		expect(d.action).toMatch(/journal/);
	});

	it('disabled after 404s on this n8n’s production URL: the workflow is not published', () => {
		const d = run({ registration: registration({ webhook_status: 'hook_unreachable', enabled: false }), traces: series(404, 10) });
		expect(d.summary).toMatch(/after 10 failed deliveries in 24 h; the last 10 answers were 404 \(not found\) — the workflow is not published/);
		expect(d.action).toMatch(/^Publish \(n8n 1\.x: activate\) the workflow/);
	});

	it('disabled without failed deliveries: a failed validation, or the status alone', () => {
		const failedChallenge = run({ registration: registration({ webhook_status: 'hook_unreachable', enabled: false }), traces: [delivery(404, 0, 'validation')] });
		expect(failedChallenge.verdict).toBe('disabled');
		expect(failedChallenge.summary).toMatch(/did not pass Adobe’s validation \(the last validation request was answered 404/);
		const noTraces = run({ registration: registration({ webhook_status: 'hook_unreachable', enabled: false }), traces: undefined, tracesUnavailable: 'the credential field "Credential ID" is empty' });
		expect(noTraces.summary).toMatch(/Adobe disabled this registration \(status “hook_unreachable”\)\. New events are not delivered\. Its delivery traces could not be read \(the credential field "Credential ID" is empty\)/);
	});

	it('unstable with 604 timeouts: answer faster or use batch delivery', () => {
		const d = run({ registration: registration({ webhook_status: 'unstable' }), traces: [...series(604, 10), ...series(200, 2, 10)] });
		expect(d).toMatchObject({ verdict: 'unstable', severity: 'warning', status: 'Unstable' });
		expect(d.summary).toBe(
			'Adobe marked this registration unstable: 10 of 12 deliveries in 24 h failed; the last 10 answers were 604 timeouts — the webhook took longer than the 10 s Adobe waits. Adobe keeps delivering for now, but disables the registration if the failures go on.',
		);
		expect(d.action).toMatch(/^Answer faster or use batch delivery/);
	});

	it('switched off by its owner (enabled: false, status verified)', () => {
		const d = run({ registration: registration({ enabled: false }), traces: series(200, 3) });
		expect(d).toMatchObject({ verdict: 'switched_off', status: 'Switched off', severity: 'warning' });
		expect(d.action).toMatch(/^Turn it on with Registration → Enable/);
	});

	it('awaiting validation (accepted): the validation URL must be opened within 5 minutes', () => {
		const d = run({ registration: registration({ webhook_status: 'accepted' }) });
		expect(d).toMatchObject({ verdict: 'awaiting_validation', status: 'Awaiting validation' });
		expect(d.summary).toMatch(/within 5 minutes/);
	});

	it('no webhook: a journal registration waits in its journal; EventBridge points at AWS', () => {
		const journal = run({ registration: registration({ delivery_type: 'journal', webhook_url: undefined }), traces: undefined });
		expect(journal).toMatchObject({ verdict: 'no_webhook', severity: 'info' });
		expect(journal.action).toMatch(/Journal Trigger/);
		const bridge = run({ registration: registration({ delivery_type: 'aws_eventbridge', webhook_url: undefined }), traces: undefined });
		expect(bridge.summary).toMatch(/Amazon EventBridge/);
		expect(bridge.findings).toEqual([]);
	});

	it('failing (still active): the newest deliveries fail with 503 on an n8n URL → public-key host', () => {
		const d = run({ traces: [...series(503, 3), ...series(200, 20, 3)] });
		expect(d).toMatchObject({ verdict: 'failing', severity: 'error', status: 'Active' });
		expect(d.summary).toMatch(/^Deliveries are failing: the last 3 answers were 503 \(unavailable\) — n8n could not check the signatures/);
		expect(d.action).toMatch(/static\.adobeioevents\.com/);
		expect(d.action).toMatch(/Adobe retries these deliveries for 24 h/);
	});

	it('no deliveries: names the subscribed event types and the sample-event test', () => {
		const d = run({ registration: registration({ subscriber_filters: [{ name: 'f' }] }), traces: [delivery(200, 0, 'validation')] });
		expect(d).toMatchObject({ verdict: 'no_deliveries', severity: 'warning' });
		expect(d.action).toMatch(/com\.adobe\.platform\.events\.file_created/);
		expect(d.action).toMatch(/subscriber filter/);
		expect(d.action).toMatch(/Sample Event → Send/);
	});

	it('recovered: failures earlier, the newest deliveries succeed', () => {
		const d = run({ traces: [...series(200, 4), ...series(401, 2, 4), ...series(604, 1, 6)] });
		expect(d).toMatchObject({ verdict: 'recovered', severity: 'ok' });
		expect(d.summary).toBe('Healthy now: the last 4 deliveries succeeded; 3 of 7 in Adobe’s traces failed earlier (401 ×2, 604).');
		// 401s are not retried: their events were dropped, the journal still has them
		expect(d.action).toMatch(/journal/);
	});

	it('active without traces (Credential ID missing): says how to get the full picture', () => {
		const d = run({ traces: undefined, tracesUnavailable: 'The credential field "Credential ID" is empty' });
		expect(d.verdict).toBe('healthy');
		expect(d.action).toMatch(/Credential ID/);
		expect(d.findings[0]).toMatch(/^Delivery traces were not read: The credential field "Credential ID" is empty/);
	});

	it('every rule of the table is reached by one of the tests above', () => {
		expect(RULES.map((r) => r.id).sort()).toEqual(
			['awaiting_validation', 'disabled', 'failing', 'healthy', 'no_deliveries', 'no_webhook', 'recovered', 'switched_off', 'unstable'].sort(),
		);
	});
});

describe('findings besides the verdict', () => {
	it('this n8n’s production URL', () => {
		expect(run({ traces: series(200, 1) }).findings).toEqual([expect.stringMatching(/this n8n’s production webhook URL: it answers only while its workflow is published/)]);
	});

	it('a left-over "Listen for test event" registration, and 404 means nobody listens', () => {
		const d = run({ registration: registration({ webhook_url: TEST_URL }), traces: series(404, 2) });
		expect(d.findings.join('\n')).toMatch(/“Listen for test event” registration of this n8n/);
		expect(d.summary).toMatch(/nobody is listening for a test event/);
	});

	it('an n8n webhook on another host than this n8n: the public-URL setting of each n8n line', () => {
		const d = run({ registration: registration({ webhook_url: 'http://localhost:5678/webhook/abc/webhook' }), traces: series(602, 3) });
		const text = d.findings.join('\n');
		expect(text).toMatch(/looks like an n8n webhook on http:\/\/localhost:5678, but this n8n’s base URL is https:\/\/n8n\.example\.com/);
		expect(text).toMatch(
			/Adobe cannot reach http:\/\/localhost:5678\/webhook\/abc\/webhook: localhost is a loopback address .*set N8N_WEBHOOK_URL \(n8n 2\.x\) or WEBHOOK_URL \(n8n 1\.x\) to n8n’s public HTTPS address .*Journal Trigger/,
		);
		expect(text).not.toMatch(/set N8N_WEBHOOK_URL to/);
		expect(d.summary).toMatch(/602 \(unreachable\) — Adobe could not connect/);
		expect(d.action).toMatch(/N8N_WEBHOOK_URL \(n8n 2\.x\) or WEBHOOK_URL \(n8n 1\.x\)/);
	});

	it('a private network host, and a bare host name, are named as such', () => {
		const privateHost = run({ registration: registration({ webhook_url: 'https://192.168.1.20/webhook/abc/webhook' }), traces: series(602, 1) });
		expect(privateHost.findings.join('\n')).toMatch(/192\.168\.1\.20 is a private network address/);
		const bare = run({ registration: registration({ webhook_url: 'https://n8n/webhook/abc/webhook' }), traces: series(602, 1) });
		expect(bare.findings.join('\n')).toMatch(/n8n is a host name without a dot/);
	});

	it('http:// on a public host: a warning finding (Adobe asks for HTTPS), not "unreachable"', () => {
		const d = run({ registration: registration({ webhook_url: 'http://n8n.example.com/webhook/abc/webhook' }), traces: series(200, 1) });
		const text = d.findings.join('\n');
		expect(text).toMatch(/http:\/\/n8n\.example\.com\/webhook\/abc\/webhook uses http:\/\/: Adobe’s documentation asks for webhooks reachable over HTTPS/);
		expect(text).not.toMatch(/cannot reach/);
		expect(run({ traces: series(200, 1) }).findings.join('\n')).not.toMatch(/uses http:\/\//);
	});

	it('private URLs are expected with a Custom environment (emulator, private gateway)', () => {
		const d = run({ registration: registration({ webhook_url: 'http://127.0.0.1:5678/webhook/abc/webhook' }), instanceBaseUrl: 'http://127.0.0.1:5678/', environment: 'custom', traces: series(200, 1) });
		expect(d.findings).toEqual([expect.stringMatching(/production webhook URL/)]);
	});

	it('a failed last validation request and dropped (not retried) events', () => {
		const d = run({ traces: [delivery(500, 0, 'validation'), ...series(400, 2, 1)] });
		const text = d.findings.join('\n');
		expect(text).toMatch(/last validation request \(challenge\) was answered 500/);
		expect(text).toMatch(/2 failed deliveries got an answer Adobe does not retry/);
	});
});

describe('causes', () => {
	const n8nUrl = classifyWebhookUrl(PROD_URL, BASE);
	const otherUrl = classifyWebhookUrl('https://hooks.example.org/adobe', BASE);

	it('reads n8n-specific causes only for n8n URLs', () => {
		expect(causeOf(401, n8nUrl).explanation).toMatch(/proxy in front of n8n/);
		expect(causeOf(401, otherUrl).explanation).toMatch(/refuses Adobe’s requests as unauthorized/);
		expect(causeOf(404, otherUrl).explanation).toBe('nothing listens at this URL');
	});

	it('has a cause and an action for every code Adobe traces', () => {
		for (const code of [301, 400, 401, 403, 404, 405, 410, 413, 429, 500, 502, 503, 504, 505, 601, 602, 604, 611, 699]) {
			const cause = causeOf(code, n8nUrl);
			expect(cause.explanation.length).toBeGreaterThan(10);
			expect(cause.action.length).toBeGreaterThan(10);
		}
		expect(causeOf(611, n8nUrl).action).toMatch(/certificate/);
		expect(causeOf(302, n8nUrl).explanation).toMatch(/does not follow redirects/);
	});

	it('the cause is the most frequent code of the newest failures; mixed runs are listed', () => {
		const cause = failureCause([...series(604, 2), delivery(401, 3), delivery(200, 10)], n8nUrl);
		expect(cause).toMatchObject({ code: 604, run: 3, runCodes: '604 ×2, 401' });
		expect(failureCause(series(200, 3), n8nUrl)).toBeUndefined();
		const d = run({ registration: registration({ webhook_status: 'unstable' }), traces: [...series(604, 7), ...series(401, 3, 7)] });
		expect(d.summary).toMatch(/the last 10 answers were 604 ×7, 401 ×3 \(mostly 604 timeouts\)/);
	});

	it('only failures of the last 24 h count when the newest attempt succeeded', () => {
		const cause = failureCause([delivery(200, 0), delivery(500, 60), delivery(401, 60 * 30)], n8nUrl);
		expect(cause).toMatchObject({ code: 500, run: 0 });
	});
});

describe('webhook URL classification', () => {
	it('tells this n8n’s production and test URLs, n8n URLs elsewhere and private hosts apart', () => {
		expect(classifyWebhookUrl(PROD_URL, BASE)).toMatchObject({ thisInstance: true, n8nKind: 'production', publicHttps: true });
		expect(classifyWebhookUrl(TEST_URL, 'https://n8n.example.com')).toMatchObject({ thisInstance: true, n8nKind: 'test' });
		expect(classifyWebhookUrl('https://example.com/n8n/webhook/x/webhook', 'https://example.com/n8n/')).toMatchObject({ thisInstance: true, n8nKind: 'production' });
		expect(classifyWebhookUrl('https://other.example.com/webhook/x/webhook', BASE)).toMatchObject({ thisInstance: false, n8nKind: 'production' });
		expect(classifyWebhookUrl('https://n8n.example.com.evil.test/webhook/x', BASE).thisInstance).toBe(false);
		for (const url of ['http://n8n.example.com/x', 'https://localhost/x', 'https://10.0.0.5/x', 'https://192.168.1.2/x', 'https://172.20.0.1/x', 'https://[::1]/x', 'https://n8n.local/x', 'https://n8n/x']) {
			expect(classifyWebhookUrl(url, BASE).publicHttps).toBe(false);
		}
		expect(classifyWebhookUrl('not a url', BASE)).toMatchObject({ origin: '', thisInstance: false, publicHttps: false });
	});
});
