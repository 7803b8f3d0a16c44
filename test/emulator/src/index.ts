/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code: the emulator runs outside n8n (process.stderr) and rethrows startup failures to its caller */
/**
 * Adobe I/O Events emulator: a faithful local Adobe (IMS, management API, journal, ingress,
 * webhook deliveries, public-key host) plus a control API. See test/emulator/README.md.
 */
import { Clock, type ClockMode } from './clock';
import { controlRoutes } from './control';
import { Core, DEFAULT_CONFIG, type EmulatorConfig, type EmulatorUrls } from './core';
import { resolveCredentials, type EmulatorCredentials } from './credentials';
import { Faults } from './faults';
import { checkGateway } from './gateway';
import { startService, type Service } from './http';
import { Ims } from './ims';
import { KeyRing } from './keys';
import { managementRoutes } from './management';
import { ingressRoutes, journalRoutes, keyRoutes } from './services';

export type { EmulatorCredentials } from './credentials';
export type { EmulatorConfig, EmulatorUrls } from './core';
export { DEFAULT_CREDENTIALS } from './credentials';
export { createServiceAccountJwt } from './ims';

export interface EmulatorOptions {
	/** First port; the others are consecutive (ims, api, ingress, journal, keys, control). 0 / undefined = ephemeral. */
	port?: number;
	host?: '127.0.0.1';
	credentials?: Partial<EmulatorCredentials>;
	clock?: ClockMode;
	/** Initial configuration (timeouts, limits, retention…); also restored by POST /reset. */
	config?: Partial<EmulatorConfig>;
}

export interface ReadyLine {
	ready: true;
	urls: EmulatorUrls;
	credentials: EmulatorCredentials;
}

export interface Emulator {
	ready: ReadyLine;
	urls: EmulatorUrls;
	credentials: EmulatorCredentials;
	/** In-process access to the state (tests only; HTTP users use the control API). */
	core: Core;
	close(): Promise<void>;
}

const BODY_LIMIT_API = 1024 * 1024;
const BODY_LIMIT_INGRESS = 1024 * 1024;
const BODY_LIMIT_CONTROL = 16 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const credentials = resolveCredentials(options.credentials);
	const clock = new Clock(options.clock ?? 'real');
	const keys = new KeyRing();
	const faults = new Faults();
	const urls: EmulatorUrls = { ims: '', api: '', ingress: '', journal: '', keys: '', control: '' };
	const ims: Ims = new Ims(credentials, clock, () => urls.ims, (): number => core.config.maxTokens);
	const core: Core = new Core(credentials, clock, keys, faults, ims, urls, options.config);
	const onError = (err: unknown): void => {
		process.stderr.write(`[adobe-io-events-emulator] ${(err as Error)?.stack ?? String(err)}\n`);
	};
	const base = options.port ?? 0;
	const port = (i: number): number => (base ? base + i : 0);
	const services: Service[] = [];
	try {
		const imsSvc = await startService(ims.routes(), { name: 'IMS', bodyLimit: BODY_LIMIT_API, errorStyle: 'oauth', onError, before: (req) => faults.apply('ims', req) }, port(0));
		services.push(imsSvc);
		const apiSvc = await startService(
			managementRoutes(core),
			{
				name: 'management API',
				bodyLimit: BODY_LIMIT_API,
				errorStyle: 'api',
				onError,
				before: (req) => {
					const f = faults.apply('api', req);
					if (f) return f;
					if (req.path.startsWith('/csm/')) return undefined;
					const gw = checkGateway(core, req, 'management');
					return 'token' in gw ? undefined : gw;
				},
			},
			port(1),
		);
		services.push(apiSvc);
		const ingressSvc = await startService(ingressRoutes(core), { name: 'ingress', bodyLimit: BODY_LIMIT_INGRESS, errorStyle: 'api', onError, before: (req) => faults.apply('ingress', req) }, port(2));
		services.push(ingressSvc);
		const journalSvc = await startService(
			journalRoutes(core),
			{
				name: 'journal',
				bodyLimit: 64 * 1024,
				errorStyle: 'api',
				onError,
				before: (req) => {
					const f = faults.apply('journal', req);
					if (f) return f;
					const gw = checkGateway(core, req, 'events');
					return 'token' in gw ? undefined : gw;
				},
			},
			port(3),
		);
		services.push(journalSvc);
		const keysSvc = await startService(keyRoutes(core), { name: 'keys', bodyLimit: 64 * 1024, errorStyle: 'text', onError, before: (req) => faults.apply('keys', req) }, port(4));
		services.push(keysSvc);
		const controlSvc = await startService(
			controlRoutes(core, (resetConfig) => {
				clock.clearAll();
				if (resetConfig) core.config = { ...DEFAULT_CONFIG, ...options.config };
			}),
			{ name: 'control', bodyLimit: BODY_LIMIT_CONTROL, errorStyle: 'api', onError },
			port(5),
		);
		services.push(controlSvc);
		Object.assign(urls, { ims: imsSvc.url, api: apiSvc.url, ingress: ingressSvc.url, journal: journalSvc.url, keys: keysSvc.url, control: controlSvc.url });
	} catch (err) {
		await Promise.all(services.map((s) => s.close()));
		core.delivery.destroy();
		throw err;
	}
	const ready: ReadyLine = { ready: true, urls: { ...urls }, credentials: { ...credentials } };
	let closed = false;
	return {
		ready,
		urls: ready.urls,
		credentials: ready.credentials,
		core,
		close: async () => {
			if (closed) return;
			closed = true;
			clock.clearAll();
			faults.clear();
			await Promise.all(services.map((s) => s.close()));
			core.delivery.destroy();
		},
	};
}
