/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs fs, path and process */
/**
 * Every workflow of examples/ opened in the n8n editor (Chromium + the harness's n8n): imported as a user
 * imports it, with a credential of the right type on each node that needs one (what the sticky note asks
 * first), then shown on the canvas — each of its nodes drawn with its name, none of them an unknown node.
 * Its canvas picture (examples/README.md shows docs/examples/<example>.png) is taken like the editor suite's
 * pictures (support/screenshots.ts): on every run into test-results/ui-screenshots/docs/examples/, over the
 * committed ones only with ADOBE_UI_SCREENSHOTS=update, none with ADOBE_UI_SCREENSHOTS=0; the last test checks
 * that docs/examples/ holds exactly the pictures this run took, one per example.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

import { createEmulatorCredential } from '../../scripts/n8n/adobe-setup';
import type { N8nCredentialRef, N8nNode, N8nWorkflowInput } from '../../scripts/n8n/n8n-api';
import { CREDENTIAL_TYPE, PACKAGE_NAME, REPO_ROOT, type Stack } from '../../scripts/n8n/stack';
import { startE2eStack } from '../e2e/helpers';
import { TIMEOUTS, launchBrowser, step, waitUntil, type Browser } from './support/browser';
import { signIn } from './support/n8n-ui';
import { Screenshots } from './support/screenshots';
import { UI_TARGETS } from './targets';

const EXAMPLES = join(REPO_ROOT, 'examples');
const EXAMPLE_PICTURES = join(REPO_ROOT, 'docs', 'examples');

/** The credential each third-party node of the examples asks for, with placeholder data (nothing is sent). */
const THIRD_PARTY_CREDENTIALS: Record<string, { type: string; data: Record<string, unknown> }> = {
	'n8n-nodes-base.slack': { type: 'slackApi', data: { accessToken: 'xoxb-example-token' } },
	'n8n-nodes-base.googleSheets': { type: 'googleSheetsOAuth2Api', data: { clientId: 'example.apps.googleusercontent.com', clientSecret: 'example-secret' } },
	'n8n-nodes-base.emailSend': { type: 'smtp', data: { user: 'n8n@example.com', password: 'example', host: 'smtp.example.com', port: 587, secure: false, disableStartTls: false } },
	'@n8n/n8n-nodes-langchain.lmChatOpenAi': { type: 'openAiApi', data: { apiKey: 'sk-example', url: 'https://api.openai.com/v1', header: false } },
};
/** HTTP Request nodes with a generic credential: OAuth2 API (client credentials, placeholder values). */
const GENERIC_OAUTH2 = {
	type: 'oAuth2Api',
	data: { grantType: 'clientCredentials', accessTokenUrl: 'https://ims-na1.adobelogin.com/ims/token/v3', clientId: 'example', clientSecret: 'example', scope: 'openid', authentication: 'body' },
};
/** Editor controls that would cover part of a picture. */
const HIDDEN_IN_PICTURES = ['[data-test-id="execute-workflow-button"]', '[data-test-id="workflow-chat-button"]', '[data-test-id="canvas-controls"]'];

const exampleFiles = (): string[] => readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
const pictureOf = (file: string): string => file.replace(/\.json$/, '.png');

describe(`examples/ in the n8n editor (Chromium + real n8n ${UI_TARGETS[0].n8nVersion})`, () => {
	let stack: Stack;
	let browser: Browser;
	let page: Page;
	let workDir: string;
	const pictures = new Screenshots(EXAMPLE_PICTURES, undefined, /^[a-z0-9-]+\.png$/);
	const credentials = new Map<string, N8nCredentialRef>();

	/** The example as imported, with a credential on every node that needs one. */
	async function withCredentials(file: string): Promise<N8nWorkflowInput> {
		const example = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as N8nWorkflowInput;
		const nodes: N8nNode[] = [];
		for (const node of example.nodes) {
			const copy = { ...node };
			if (node.type.startsWith(`${PACKAGE_NAME}.`)) copy.credentials = { [CREDENTIAL_TYPE]: credentials.get(CREDENTIAL_TYPE)! };
			const needed = node.parameters.genericAuthType === 'oAuth2Api' ? GENERIC_OAUTH2 : THIRD_PARTY_CREDENTIALS[node.type];
			if (needed) {
				if (!credentials.has(needed.type)) credentials.set(needed.type, await stack.client.createCredential(`${needed.type} (example)`, needed.type, needed.data));
				copy.credentials = { [needed.type]: credentials.get(needed.type)! };
			}
			nodes.push(copy);
		}
		return { name: example.name, nodes, connections: example.connections, settings: example.settings };
	}

	beforeAll(async () => {
		workDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-ui-examples-'));
		stack = await startE2eStack({ workDir, n8nVersion: UI_TARGETS[0].n8nVersion });
		credentials.set(CREDENTIAL_TYPE, await createEmulatorCredential(stack));
		browser = await launchBrowser({ viewport: { width: 1600, height: 900 } });
		page = browser.page;
		await signIn(page, stack.n8nUrl, stack.owner);
	}, 300_000);

	afterAll(async () => {
		await browser?.close();
		await stack?.stop();
		if (workDir && process.env.E2E_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
	}, 120_000);

	it.each(exampleFiles())('%s: every node on the canvas, none unknown; its picture', async (file) => {
		await step(page, `example-${file}`, async () => {
			const workflow = await withCredentials(file);
			const created = await stack.client.createWorkflow(workflow);
			await page.goto(`${stack.n8nUrl}/workflow/${created.id}`);
			const canvasNodes = page.getByTestId('canvas-node');
			const named = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name);
			// every node drawn, with its name
			const shown = await waitUntil(
				`the ${named.length} nodes of ${file} on the canvas`,
				async () => await canvasNodes.allInnerTexts(),
				(texts) => named.every((name) => texts.some((t) => t.includes(name))),
				TIMEOUTS.navigation,
			);
			expect(shown.length).toBeGreaterThanOrEqual(named.length);
			// an unknown type or version is drawn as a placeholder that asks to install the node
			expect(await page.getByText(/Install this node to use it|node is not currently installed/i).count()).toBe(0);
			await page.getByTestId('zoom-to-fit').click();
			await page.getByTestId('zoom-out-button').click(); // room for labels
			await page.waitForTimeout(600);
			// the canvas after "zoom to fit" (nodes, labels and notes), below the editor's tab bar
			const canvas = await page.locator('.vue-flow').first().boundingBox();
			if (!canvas) throw new Error('no canvas on the page');
			const top = 20;
			await pictures.take(page, pictureOf(file), {
				clip: { x: canvas.x, y: canvas.y + top, width: canvas.width, height: canvas.height - top },
				hide: HIDDEN_IN_PICTURES,
			});
			await stack.client.deleteWorkflow(created.id);
		});
	});

	it('docs/examples/ holds exactly the pictures this run took, one per example', () => {
		if (pictures.mode === 'off') return;
		const { missing, uncommitted, taken } = pictures.compare();
		expect({ missing, uncommitted }).toEqual({ missing: [], uncommitted: [] });
		expect(taken).toEqual(exampleFiles().map(pictureOf));
	});
});
