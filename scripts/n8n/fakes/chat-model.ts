/* eslint-disable @n8n/community-nodes/no-restricted-imports -- harness code: runs outside n8n (a local server for tests), needs node:http */
/**
 * An OpenAI-compatible chat model on 127.0.0.1 for the examples E2E: n8n's OpenAI Chat Model node, with the
 * credential's Base URL set to `baseUrl`, talks to it exactly as to OpenAI's Chat Completions API
 * (`POST /v1/chat/completions`, non-streamed or streamed as server-sent events, `GET /v1/models`). What it
 * answers is the test's script: a tool call (the agent then runs that tool) or a final text. Every request
 * is kept, so a test can read what reached the model — the tool definitions n8n offered and the tool results
 * the agent sent back.
 *
 * Checks `Authorization: Bearer <apiKey>` (401 otherwise, in OpenAI's error shape). Bounded: 1 MB per
 * request body, 100 requests kept (older ones dropped).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHAT_MODEL_LIMITS = { bodyBytes: 1024 * 1024, requests: 100 };

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | string;
	content: string | null;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatTool {
	name: string;
	description: string;
	parameters: Record<string, unknown>;
}

export interface ChatRequest {
	model: string;
	stream: boolean;
	messages: ChatMessage[];
	tools: ChatTool[];
}

export type ChatReply = { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } | { content: string };

export interface ChatModelFake {
	/** the Base URL to put into n8n's OpenAI credential (ends in /v1) */
	baseUrl: string;
	requests: ChatRequest[];
	close(): Promise<void>;
}

/** Text of a message whose content may be a string or OpenAI's list of content parts. */
export function messageText(message: ChatMessage): string {
	const content: unknown = message.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part: unknown) => (typeof part === 'object' && part && 'text' in part ? String((part as { text: unknown }).text) : '')).join('');
	return '';
}

function parseRequest(body: Record<string, unknown>): ChatRequest {
	const tools = Array.isArray(body.tools) ? (body.tools as Array<{ function?: ChatTool }>) : [];
	return {
		model: String(body.model ?? ''),
		stream: body.stream === true,
		messages: Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [],
		tools: tools.map((t) => ({ name: String(t.function?.name ?? ''), description: String(t.function?.description ?? ''), parameters: t.function?.parameters ?? {} })),
	};
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function openAiError(res: ServerResponse, status: number, message: string, code: string): void {
	send(res, status, { error: { message, type: 'invalid_request_error', param: null, code } });
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > CHAT_MODEL_LIMITS.bodyBytes) return undefined;
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** The assistant message of a reply, in Chat Completions form. */
function assistantMessage(reply: ChatReply): ChatMessage {
	if ('content' in reply) return { role: 'assistant', content: reply.content };
	return {
		role: 'assistant',
		content: null,
		tool_calls: reply.toolCalls.map((call) => ({
			id: `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
			type: 'function',
			function: { name: call.name, arguments: JSON.stringify(call.arguments) },
		})),
	};
}

function answer(res: ServerResponse, request: ChatRequest, reply: ChatReply): void {
	const id = `chatcmpl-${randomUUID()}`;
	const created = Math.floor(Date.now() / 1000);
	const message = assistantMessage(reply);
	const finish = message.tool_calls ? 'tool_calls' : 'stop';
	const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
	if (!request.stream) {
		send(res, 200, { id, object: 'chat.completion', created, model: request.model, choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage });
		return;
	}
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
	const chunk = (delta: Record<string, unknown>, finishReason: string | null): void => {
		res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`);
	};
	if (message.tool_calls) {
		chunk({ role: 'assistant', content: null, tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }, null);
	} else {
		chunk({ role: 'assistant', content: '' }, null);
		chunk({ content: message.content }, null);
	}
	chunk({}, finish);
	res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage })}\n\n`);
	res.end('data: [DONE]\n\n');
}

/** Starts the model; `reply` decides each answer from the request (tool definitions, messages so far). */
export async function startChatModelFake(options: { apiKey: string; model?: string; reply: (request: ChatRequest) => ChatReply }): Promise<ChatModelFake> {
	const fake: ChatModelFake = { baseUrl: '', requests: [], close: async () => undefined };
	const server: Server = createServer((req, res) => {
		void (async () => {
			if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
				return openAiError(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
			}
			const path = (req.url ?? '').split('?')[0];
			if (req.method === 'GET' && path === '/v1/models') {
				return send(res, 200, { object: 'list', data: [{ id: options.model ?? 'gpt-4o-mini', object: 'model', created: 1700000000, owned_by: 'local-fake' }] });
			}
			if (req.method !== 'POST' || path !== '/v1/chat/completions') {
				return openAiError(res, 404, `Unknown request URL: ${req.method} ${path}.`, 'unknown_url');
			}
			const text = await readBody(req);
			if (text === undefined) return openAiError(res, 413, 'Request too large.', 'request_too_large');
			let request: ChatRequest;
			try {
				request = parseRequest(JSON.parse(text) as Record<string, unknown>);
			} catch {
				return openAiError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_json');
			}
			fake.requests.push(request);
			if (fake.requests.length > CHAT_MODEL_LIMITS.requests) fake.requests.shift();
			let reply: ChatReply;
			try {
				reply = options.reply(request);
			} catch (error) {
				return send(res, 500, { error: { message: `the test's model script failed: ${(error as Error).message}`, type: 'server_error', param: null, code: null } });
			}
			answer(res, request, reply);
		})().catch(() => res.destroy());
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
	fake.close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return fake;
}
