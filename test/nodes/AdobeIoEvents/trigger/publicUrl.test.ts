/**
 * Going live (or listening for a test event) with a webhook URL Adobe cannot reach: with environment
 * Production or Stage the trigger refuses it BEFORE any call to Adobe, naming the setting of each n8n
 * line, a tunnel and the Journal Trigger; http:// on a public host only warns. Real n8n-core hook
 * contexts; every request helper of the context is counted (a call to Adobe goes through one).
 */
import type { ICredentialDataDecryptedObject, IHookFunctions } from 'n8n-workflow';

import { TestCredentialStore } from '../../../helpers/n8n-context';
import {
	hook,
	LAYOUT_VERSIONS,
	SERVICE_CREDENTIAL_IDENTITY,
	watchOneEventType,
	type TriggerSetup,
} from './harness';

function setup(
	webhookBaseUrl: string,
	environment: 'production' | 'stage' | 'custom',
	typeVersion: number,
): TriggerSetup {
	const credentials: ICredentialDataDecryptedObject = {
		...SERVICE_CREDENTIAL_IDENTITY,
		environment,
		...(environment === 'custom'
			? {
					// nothing listens here: a call to "Adobe" fails at once
					imsUrl: 'http://127.0.0.1:9',
					apiUrl: 'http://127.0.0.1:9',
					ingressUrl: 'http://127.0.0.1:9',
					publicKeyUrl: 'http://127.0.0.1:9',
				}
			: {}),
	};
	return {
		parameters: watchOneEventType(),
		credentials,
		store: new TestCredentialStore(),
		webhookBaseUrl,
		staticData: {},
		testStaticData: {},
		typeVersion,
	};
}

/** Runs `activate` (checkExists, then create) and returns its error and the request helper calls. */
async function goLive(s: TriggerSetup, isTest = false) {
	const h = hook(s, { isTest });
	const calls: string[] = [];
	const warnings: string[] = [];
	const helpers = (h.context as IHookFunctions & { helpers: Record<string, unknown> }).helpers;
	for (const [name, value] of Object.entries(helpers)) {
		if (typeof value !== 'function') continue;
		const original = value as (...args: unknown[]) => unknown;
		helpers[name] = function (this: unknown, ...args: unknown[]) {
			calls.push(name);
			return original.apply(this, args);
		};
	}
	// The context's logger is n8n's (shared): its warn is recorded for this call only.
	const logger = h.context.logger;
	const warn = logger.warn.bind(logger);
	logger.warn = (message: string) => {
		warnings.push(message);
	};
	try {
		const error = await h.activate().then(
			() => undefined,
			(e: unknown) => e as Error & { description?: string },
		);
		return { error, calls, warnings };
	} finally {
		logger.warn = warn;
	}
}

describe.each(LAYOUT_VERSIONS)('Watch Events: a webhook URL Adobe cannot reach (typeVersion %s)', (typeVersion) => {
	it.each([
		['http://localhost:5678/', 'localhost is a loopback address (this machine only)'],
		['http://127.0.0.1:5678/', '127.0.0.1 is a loopback address (this machine only)'],
		['https://192.168.1.10/', '192.168.1.10 is a private network address'],
		['https://[fd00::10]/', '[fd00::10] is a private network address'],
		['https://169.254.10.1/', '169.254.10.1 is a link-local address'],
		['https://n8n:5678/', 'n8n is a host name without a dot, which only resolves inside a local network'],
		['https://n8n.internal/', 'n8n.internal is a name that only resolves inside a local network'],
	])('Production refuses %s before calling Adobe', async (base, named) => {
		const { error, calls } = await goLive(setup(base, 'production', typeVersion));
		expect(calls).toEqual([]);
		expect(error?.message).toBe(`Adobe cannot reach this trigger’s webhook URL: ${named}`);
		expect(error?.description).toContain(`${base}webhook/`);
		expect(error?.description).toMatch(/Set N8N_WEBHOOK_URL \(n8n 2\.x\) or WEBHOOK_URL \(n8n 1\.x\) to n8n’s public HTTPS address/);
		expect(error?.description).toMatch(/tunnel/);
		expect(error?.description).toMatch(/Adobe I\/O Events Journal Trigger/);
		expect(error?.description).toMatch(/#public-url-and-reverse-proxies/);
	});

	it('Stage refuses it too, and so does "Listen for test event" (its test URL)', async () => {
		const stage = await goLive(setup('http://localhost:5678/', 'stage', typeVersion));
		expect(stage.calls).toEqual([]);
		expect(stage.error?.message).toMatch(/^Adobe cannot reach/);
		const test = await goLive(setup('http://localhost:5678/', 'production', typeVersion), true);
		expect(test.calls).toEqual([]);
		expect(test.error?.description).toContain('http://localhost:5678/webhook-test/');
	});

	// Positive controls: the same hook does call Adobe when the URL passes (and fails there, offline).
	it('a public https URL goes on to Adobe', async () => {
		const { error, calls, warnings } = await goLive(setup('https://n8n.example.com/', 'production', typeVersion));
		expect(calls.length).toBeGreaterThan(0);
		expect(error?.message ?? '').not.toMatch(/cannot reach this trigger/);
		expect(warnings.join('\n')).not.toMatch(/uses http:\/\//);
	});

	it('http:// on a public host goes on to Adobe with a warning in the log', async () => {
		const { error, calls, warnings } = await goLive(setup('http://n8n.example.com/', 'production', typeVersion));
		expect(calls.length).toBeGreaterThan(0);
		expect(error?.message ?? '').not.toMatch(/cannot reach this trigger/);
		expect(warnings.join('\n')).toMatch(
			/http:\/\/n8n\.example\.com\/webhook\/.* uses http:\/\/\. Adobe’s documentation asks for webhooks reachable over HTTPS.*N8N_WEBHOOK_URL \(n8n 2\.x\) or WEBHOOK_URL \(n8n 1\.x\)/,
		);
	});

	it('Custom (the emulator) is not checked: a loopback URL goes on to "Adobe"', async () => {
		const { error, calls } = await goLive(setup('http://127.0.0.1:5678/', 'custom', typeVersion));
		expect(calls.length).toBeGreaterThan(0);
		expect(error?.message ?? '').not.toMatch(/cannot reach this trigger/);
	});
});
