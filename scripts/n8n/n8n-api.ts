/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- harness code: runs outside n8n (plain Node scripts/tests): uses timers, and plain Errors are right outside a node */
/**
 * A small client for a running n8n: the public API (`/api/v1`, header X-N8N-API-KEY) for everything a
 * user or CI would script, plus the few internal REST calls (`/rest`, session cookie) that have no
 * public equivalent: owner setup, API-key creation, node-type lookup and "listen for test event".
 *
 * It speaks the dialect of the n8n it talks to (read once from `/rest/settings`, or given): tests say
 * what they mean and the client maps it —
 *   makeLive / takeOffline   n8n 2.x: POST /workflows/:id/publish · /unpublish
 *                            n8n 1.x: POST /workflows/:id/activate · /deactivate
 *   runManually              n8n 1.x wants the workflow itself in the body (`workflowData`), 2.x loads it
 */

export interface N8nCredentialRef {
	id: string;
	name: string;
}

export interface N8nNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, N8nCredentialRef>;
	disabled?: boolean;
	/** Run once with the first input item only (n8n's node setting "Execute Once"). */
	executeOnce?: boolean;
}

export interface N8nWorkflowInput {
	name: string;
	nodes: N8nNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface N8nWorkflow extends N8nWorkflowInput {
	id: string;
	active: boolean;
	versionId: string;
	activeVersionId: string | null;
}

export interface N8nExecution {
	id: string;
	finished: boolean;
	mode: string;
	status: string;
	workflowId: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
					error?: { message?: string; description?: string };
				}>
			>;
			error?: { message?: string; description?: string };
			lastNodeExecuted?: string;
		};
	};
}

export class N8nHttpError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${url} → ${status}: ${body.slice(0, 500)}`);
	}
}

export interface OwnerLogin {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** Socket errors of a kept-alive connection the server closed just as it was reused (not: n8n is down). */
const STALE_SOCKET = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_CLOSED', 'EPIPE']);

/**
 * One HTTP call; a GET whose kept-alive connection n8n closed as it was reused ("other side closed") is sent
 * again, at most twice — reading is idempotent, and polling helpers read a lot.
 */
async function fetchOnce(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, { ...init, signal: AbortSignal.timeout(60000) });
		} catch (error) {
			const code = (error as { cause?: { code?: string } }).cause?.code;
			if (init.method !== 'GET' || attempt > 2 || !code || !STALE_SOCKET.has(code)) throw error;
			await sleep(200);
		}
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How an n8n version's API differs from the others (see the class comment). */
export interface N8nDialect {
	version: string;
	/** 2.x publishes workflows, 1.x activates them. */
	liveVerb: 'publish' | 'activate';
	/** 1.x's manual-run endpoint needs `workflowData` in the body. */
	manualRunNeedsWorkflowData: boolean;
}

export function dialectOf(version: string): N8nDialect {
	const major = Number(version.split('.')[0]);
	if (!Number.isInteger(major)) throw new Error(`cannot tell the n8n API dialect of version "${version}"`);
	return {
		version,
		liveVerb: major >= 2 ? 'publish' : 'activate',
		manualRunNeedsWorkflowData: major < 2,
	};
}

export interface N8nCommunityPackage {
	packageName: string;
	installedVersion: string;
	/** Set when `npm outdated` reports a newer version in the registry. */
	updateAvailable?: string;
	failedLoading?: boolean;
	installedNodes: Array<{ name: string; type: string; latestVersion?: number }>;
}

export class N8nClient {
	private cookie: string | undefined;
	apiKey: string | undefined;
	private dialectPromise: Promise<N8nDialect> | undefined;

	constructor(
		readonly baseUrl: string,
		options: { n8nVersion?: string } = {},
	) {
		if (options.n8nVersion) this.dialectPromise = Promise.resolve(dialectOf(options.n8nVersion));
	}

	/** The running n8n's version and API dialect (`versionCli` of /rest/settings, read once). */
	async dialect(): Promise<N8nDialect> {
		if (!this.dialectPromise) {
			this.dialectPromise = this.request<{ data: { versionCli: string } }>('GET', '/rest/settings', { auth: 'none' }).then(
				(res) => dialectOf(res.body.data.versionCli),
			);
			this.dialectPromise.catch(() => {
				this.dialectPromise = undefined;
			});
		}
		return await this.dialectPromise;
	}

	// ---------------------------------------------------------------- low level

	async request<T>(
		method: string,
		path: string,
		options: { body?: unknown; auth?: 'apiKey' | 'cookie' | 'none'; okStatuses?: number[] } = {},
	): Promise<{ status: number; body: T; headers: Headers }> {
		const url = `${this.baseUrl}${path}`;
		const headers: Record<string, string> = { accept: 'application/json' };
		const auth = options.auth ?? (path.startsWith('/api/') ? 'apiKey' : 'cookie');
		if (auth === 'apiKey') {
			if (!this.apiKey) throw new Error('n8n API key not set');
			headers['x-n8n-api-key'] = this.apiKey;
		} else if (auth === 'cookie' && this.cookie) {
			headers.cookie = this.cookie;
		}
		let payload: string | undefined;
		if (options.body !== undefined) {
			headers['content-type'] = 'application/json';
			payload = JSON.stringify(options.body);
		}
		const response = await fetchOnce(url, { method, headers, body: payload });
		const setCookie = response.headers.get('set-cookie');
		if (setCookie && auth !== 'apiKey') {
			const match = /n8n-auth=[^;]+/.exec(setCookie);
			if (match) this.cookie = match[0];
		}
		const text = await response.text();
		const ok = options.okStatuses ? options.okStatuses.includes(response.status) : response.ok;
		if (!ok) throw new N8nHttpError(method, url, response.status, text);
		let body: unknown = text;
		if (text.length > 0 && (response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
		return { status: response.status, body: body as T, headers: response.headers };
	}

	private async api<T>(method: string, path: string, body?: unknown): Promise<T> {
		return (await this.request<T>(method, `/api/v1${path}`, { body, auth: 'apiKey' })).body;
	}

	private async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await this.request<{ data: T }>(method, `/rest${path}`, { body, auth: 'cookie' });
		return res.body.data;
	}

	// ---------------------------------------------------------------- readiness, owner, API key

	/** True once n8n answers its readiness probe AND its public API (the probe alone is too early). */
	async isReady(): Promise<boolean> {
		try {
			const ready = await fetch(`${this.baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(5000) });
			if (ready.status !== 200) return false;
			const settings = await fetch(`${this.baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5000) });
			return settings.status === 200;
		} catch {
			return false;
		}
	}

	/** Creates the instance owner (first start) or logs in (later starts); leaves a session cookie. */
	async setupOwnerOrLogin(owner: OwnerLogin): Promise<void> {
		const setup = await this.request<unknown>('POST', '/rest/owner/setup', {
			auth: 'cookie',
			body: owner,
			okStatuses: [200, 400],
		});
		if (setup.status === 200 && this.cookie) return;
		await this.login(owner);
	}

	async login(owner: { email: string; password: string }): Promise<void> {
		await this.request('POST', '/rest/login', {
			auth: 'cookie',
			body: { emailOrLdapLoginId: owner.email, password: owner.password },
		});
		if (!this.cookie) throw new Error('n8n login did not return a session cookie');
	}

	/** Creates a public-API key with every scope the owner may grant. */
	async createApiKey(label: string): Promise<string> {
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = created.rawApiKey;
		return created.rawApiKey;
	}

	// ---------------------------------------------------------------- node types (REST)

	/** Descriptions of the given node types as the running n8n knows them (unknown ones are absent). */
	async nodeTypes(names: Array<{ name: string; version: number }>): Promise<Array<{ name: string; version: number | number[]; defaultVersion?: number }>> {
		try {
			return await this.rest('POST', '/node-types', { nodeInfos: names });
		} catch (error) {
			// n8n refuses the whole request when one of the types is unknown (2.x: 400, 1.x: 500): ask for each on its own.
			if (!(error instanceof N8nHttpError && /Unrecognized node type/i.test(error.body))) throw error;
			if (names.length === 1) return [];
			return (await Promise.all(names.map(async (name) => await this.nodeTypes([name])))).flat();
		}
	}

	/** The community packages n8n has installed (Settings → Community Nodes reads the same list). */
	async communityPackages(): Promise<N8nCommunityPackage[]> {
		return await this.rest('GET', '/community-packages');
	}

	// ---------------------------------------------------------------- public API

	async credentialSchema(type: string): Promise<Record<string, unknown> | undefined> {
		try {
			return await this.api('GET', `/credentials/schema/${encodeURIComponent(type)}`);
		} catch (error) {
			if (error instanceof N8nHttpError && error.status === 404) return undefined;
			throw error;
		}
	}

	/**
	 * Creates a credential through the public API. The data is completed for the running n8n: when n8n
	 * added its "Allowed HTTP Request Domains" fields to the credential (it does for credentials with
	 * `authenticate`), `allowedHttpRequestDomains` is sent explicitly ('all', n8n's default) — n8n 1.x's
	 * public-API schema treats an option that is left out as if it had the value that needs more fields
	 * and otherwise demands `allowedDomains` (README "Compatibility").
	 */
	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<N8nCredentialRef> {
		const completed = await this.publicApiCredentialData(type, data);
		const created = await this.api<{ id: string; name: string }>('POST', '/credentials', { name, type, data: completed });
		return { id: created.id, name: created.name };
	}

	private async publicApiCredentialData(type: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
		if (data.allowedHttpRequestDomains !== undefined) return data;
		const schema = (await this.credentialSchema(type)) as { properties?: Record<string, unknown> } | undefined;
		if (schema?.properties?.allowedHttpRequestDomains) return { ...data, allowedHttpRequestDomains: 'all' };
		return data;
	}

	async deleteCredential(id: string): Promise<void> {
		await this.api('DELETE', `/credentials/${id}`);
	}

	async createWorkflow(workflow: N8nWorkflowInput): Promise<N8nWorkflow> {
		return await this.api('POST', '/workflows', {
			settings: { executionOrder: 'v1' },
			...workflow,
		});
	}

	async getWorkflow(id: string): Promise<N8nWorkflow> {
		return await this.api('GET', `/workflows/${id}`);
	}

	async updateWorkflow(id: string, workflow: N8nWorkflowInput): Promise<N8nWorkflow> {
		return await this.api('PUT', `/workflows/${id}`, { settings: { executionOrder: 'v1' }, ...workflow });
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.api('DELETE', `/workflows/${id}`);
	}

	/**
	 * Makes the workflow live (its triggers registered, production webhooks answering): n8n 2.x
	 * publishes the current version, n8n 1.x activates the workflow. n8n finishes registering webhooks
	 * asynchronously; callers wait for the effect they need.
	 */
	async makeLive(id: string): Promise<N8nWorkflow> {
		const { liveVerb } = await this.dialect();
		return await this.api('POST', `/workflows/${id}/${liveVerb}`, {});
	}

	/** Takes the workflow offline (n8n 2.x: unpublish, 1.x: deactivate); its triggers are removed. */
	async takeOffline(id: string): Promise<N8nWorkflow> {
		const { liveVerb } = await this.dialect();
		return await this.api('POST', `/workflows/${id}/${liveVerb === 'publish' ? 'unpublish' : 'deactivate'}`);
	}

	/**
	 * Executions of a workflow, newest first (n8n's public API pages by descending id). `newerThan`: only those
	 * with a higher id (paging stops at the first older one) — what a benchmark needs after each measurement.
	 */
	async listExecutions(
		workflowId: string,
		options: { includeData?: boolean; status?: string; limit?: number; newerThan?: string } = {},
	): Promise<N8nExecution[]> {
		const all: N8nExecution[] = [];
		const floor = options.newerThan === undefined ? undefined : Number(options.newerThan);
		let cursor: string | undefined;
		for (let page = 0; page < 1000; page++) {
			const qs = new URLSearchParams({ workflowId, limit: String(options.limit ?? 250) });
			if (options.includeData) qs.set('includeData', 'true');
			if (options.status) qs.set('status', options.status);
			if (cursor) qs.set('cursor', cursor);
			const res = await this.api<{ data: N8nExecution[]; nextCursor: string | null }>('GET', `/executions?${qs}`);
			const fresh = floor === undefined ? res.data : res.data.filter((e) => Number(e.id) > floor);
			all.push(...fresh);
			if (!res.nextCursor || options.limit !== undefined || fresh.length < res.data.length) break;
			cursor = res.nextCursor;
		}
		return all;
	}

	async getExecution(id: string): Promise<N8nExecution> {
		return await this.api('GET', `/executions/${id}?includeData=true`);
	}

	async deleteExecutionsOf(workflowId: string): Promise<void> {
		for (const execution of await this.listExecutions(workflowId)) {
			await this.api('DELETE', `/executions/${execution.id}`);
		}
	}

	// ---------------------------------------------------------------- manual runs (REST, cookie)

	/**
	 * "Listen for test event" / "Execute workflow" as the editor does it: `POST /rest/workflows/:id/run`
	 * starting from the given trigger. For webhook triggers n8n answers `{ waitingForWebhook: true }`
	 * and registers the test webhook (checkExists/create with the test URL).
	 */
	async runManually(
		workflowId: string,
		triggerName: string,
	): Promise<{ waitingForWebhook?: boolean; executionId?: string }> {
		const body: Record<string, unknown> = { triggerToStartFrom: { name: triggerName } };
		if ((await this.dialect()).manualRunNeedsWorkflowData) {
			// n8n 1.x runs the workflow the editor sends; send it as n8n has it saved.
			body.workflowData = await this.rest('GET', `/workflows/${workflowId}`);
		}
		return await this.rest('POST', `/workflows/${workflowId}/run`, body);
	}

	/** Stops listening for a test event (the editor's "Stop listening"). */
	async stopTestWebhook(workflowId: string): Promise<boolean> {
		return await this.rest('DELETE', `/test-webhook/${workflowId}`);
	}

	/** Runs a workflow that starts with a Manual Trigger; returns the execution id. */
	async executeManualTrigger(workflowId: string, manualTriggerName: string): Promise<string> {
		const result = await this.runManually(workflowId, manualTriggerName);
		if (!result.executionId) throw new Error(`manual run of ${workflowId} returned ${JSON.stringify(result)}`);
		return result.executionId;
	}

	// ---------------------------------------------------------------- polling helpers

	async waitForExecutions(
		workflowId: string,
		count: number,
		options: { timeoutMs?: number; finishedOnly?: boolean } = {},
	): Promise<N8nExecution[]> {
		const deadline = Date.now() + (options.timeoutMs ?? 30000);
		let last: N8nExecution[] = [];
		while (Date.now() < deadline) {
			last = await this.listExecutions(workflowId, { includeData: true });
			const done = options.finishedOnly === false ? last : last.filter((e) => e.status !== 'running' && e.status !== 'new');
			if (done.length >= count) return done.sort((a, b) => Number(a.id) - Number(b.id));
			await sleep(250);
		}
		throw new Error(`workflow ${workflowId}: expected ${count} finished executions, saw ${last.length} (${last.map((e) => e.status).join(',')})`);
	}

	/**
	 * THE check behind every "no extra execution": waits until the execution list of a workflow is settled and
	 * returns it (oldest first). Settled: no execution is still queued or running (`new`, `running`, and `waiting`
	 * unless `allowWaiting`), and two listings `quietMs` apart hold the same executions with the same statuses.
	 * Throws when that does not happen within `timeoutMs`: an unsettled list is never returned.
	 *
	 * The public API leaves out the executions n8n's own process is running (unless asked for `status=running`):
	 * both are read, so a list that merely looks still while executions run is never taken for settled.
	 *
	 * Why a settled list is the final word once the last request was answered: n8n 2.x creates the execution
	 * (status `new`) before it answers a webhook — `onReceived` answers after `WorkflowRunner.run()` returned,
	 * `lastNode` after the run ended (webhook-helpers.js) — so nothing a request started can appear later. n8n
	 * 1.x answers `onReceived` just before it creates the execution; the quiet window covers that instant.
	 * Deliveries Adobe (the emulator) still has to make are the caller's to wait for (`idle`, pending retries).
	 */
	async settledExecutions(
		workflowId: string,
		options: { includeData?: boolean; quietMs?: number; timeoutMs?: number; allowWaiting?: boolean; newerThan?: string } = {},
	): Promise<N8nExecution[]> {
		const quietMs = options.quietMs ?? 500;
		const timeoutMs = options.timeoutMs ?? 60_000;
		const unfinished = new Set(options.allowWaiting ? ['new', 'running'] : ['new', 'running', 'waiting']);
		const deadline = Date.now() + timeoutMs;
		let previous: string | undefined;
		for (;;) {
			const list = await this.listExecutions(workflowId, { includeData: options.includeData, newerThan: options.newerThan });
			// n8n's public API leaves out what its own process is running unless asked for status=running
			// (executions.public.controller.js: excludeRunning), so a plain listing looks still while they run.
			const running = await this.listExecutions(workflowId, { status: 'running', newerThan: options.newerThan });
			const busy = [...list.filter((e) => unfinished.has(e.status)), ...running];
			const signature = list
				.map((e) => `${e.id}:${e.status}`)
				.sort()
				.join(',');
			if (busy.length === 0 && signature === previous) return list.sort((a, b) => Number(a.id) - Number(b.id));
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: executions not settled after ${timeoutMs} ms — ${list.length} listed, ` +
						`${busy.length} still ${busy.map((e) => `${e.id}:${e.status}`).slice(0, 10).join(', ') || 'changing'}`,
				);
			}
			previous = busy.length === 0 ? signature : undefined;
			await sleep(quietMs);
		}
	}

	async waitForExecution(id: string, timeoutMs = 30000): Promise<N8nExecution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const execution = await this.getExecution(id);
				if (execution.status !== 'running' && execution.status !== 'new' && execution.status !== 'waiting')
					return execution;
			} catch (error) {
				if (!(error instanceof N8nHttpError && error.status === 404)) throw error;
			}
			if (Date.now() > deadline) throw new Error(`execution ${id} did not finish within ${timeoutMs} ms`);
			await sleep(250);
		}
	}
}

/** Items (json only) that `nodeName` produced on its first output in an execution. */
export function outputItems(execution: N8nExecution, nodeName: string, output = 0): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName] ?? [];
	const items: Array<Record<string, unknown>> = [];
	for (const run of runs) {
		for (const item of run.data?.main[output] ?? []) items.push(item.json);
	}
	return items;
}
