/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs process and timers */
/**
 * Shared helpers of the E2E files: one stack per file (from the tarball packed in global-setup),
 * and readiness polling (n8n's publication is asynchronous).
 */
import { control, createEmulatorCredential } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl } from '../../scripts/n8n/emulator-control';
import type { N8nCredentialRef, N8nExecution } from '../../scripts/n8n/n8n-api';
import { startStack, type Stack, type StackOptions } from '../../scripts/n8n/stack';

export function e2eLog(message: string): void {
	if (process.env.E2E_VERBOSE === '1') process.stderr.write(`[e2e] ${message}\n`);
}

export async function startE2eStack(options: StackOptions = {}): Promise<Stack> {
	return await startStack({
		tarball: process.env.ADOBE_E2E_TARBALL,
		log: e2eLog,
		keepWorkDir: process.env.E2E_KEEP === '1',
		...options,
	});
}

/** A file's stack with the emulator's control API and the emulator credential created through n8n's API. */
export async function startE2eStackWithCredential(): Promise<{ stack: Stack; ctl: EmulatorControl; credential: N8nCredentialRef }> {
	const stack = await startE2eStack();
	return { stack, ctl: control(stack), credential: await createEmulatorCredential(stack) };
}

/** What made an execution fail (its error, else its nodes' errors), as JSON for an assertion message. */
export function failureOf(execution: N8nExecution): string {
	return JSON.stringify(
		execution.data?.resultData.error ??
			Object.values(execution.data?.resultData.runData ?? {})
				.flat()
				.map((r) => r.error)
				.filter(Boolean),
	);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `fn` until it returns a value that is not undefined; throws with `what` on timeout. */
export async function eventually<T>(
	what: string,
	fn: () => Promise<T | undefined>,
	options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
	const deadline = Date.now() + (options.timeoutMs ?? 30000);
	let lastError: unknown;
	for (;;) {
		try {
			const value = await fn();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
		}
		await sleep(options.intervalMs ?? 250);
	}
}

/**
 * Sends requests to a webhook URL until it answers `status` (n8n registers production webhooks
 * asynchronously after publish and removes them asynchronously after unpublish).
 */
export async function waitForWebhookStatus(
	url: string,
	status: number,
	options: { body?: unknown; method?: string; timeoutMs?: number } = {},
): Promise<void> {
	let last = 0;
	await eventually(
		`${url} to answer ${status} (last ${last})`,
		async () => {
			const response = await fetch(url, {
				method: options.method ?? 'POST',
				headers: { 'content-type': 'application/json' },
				body: options.method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
			});
			await response.arrayBuffer();
			last = response.status;
			return response.status === status ? true : undefined;
		},
		{ timeoutMs: options.timeoutMs ?? 30000, intervalMs: 200 },
	);
}
