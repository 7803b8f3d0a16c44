/**
 * The examples E2E's OpenAI-compatible chat model (scripts/n8n/fakes/chat-model.ts): OpenAI's Chat
 * Completions wire format (tool calls and text, plain and streamed), the API key check, the kept requests.
 */
import { CHAT_MODEL_LIMITS, messageText, startChatModelFake, type ChatModelFake, type ChatRequest } from '../../scripts/n8n/fakes/chat-model';

const KEY = 'sk-local-test';

describe('OpenAI-compatible chat model fake', () => {
	let fake: ChatModelFake;
	const post = async (body: unknown, key = KEY): Promise<Response> =>
		await fetch(`${fake.baseUrl}/chat/completions`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	const toolsBody = {
		model: 'gpt-4o-mini',
		messages: [{ role: 'user', content: 'Which registrations are unhealthy?' }],
		tools: [{ type: 'function', function: { name: 'list_registrations', description: 'Lists registrations', parameters: { type: 'object', properties: {} } } }],
	};

	beforeEach(async () => {
		fake = await startChatModelFake({
			apiKey: KEY,
			reply: (request: ChatRequest) => {
				const tool = request.messages.find((m) => m.role === 'tool');
				if (!tool) return { toolCalls: [{ name: request.tools[0].name, arguments: { limit: 5 } }] };
				return { content: `The tool said: ${messageText(tool)}` };
			},
		});
	});
	afterEach(async () => {
		await fake.close();
	});

	it('answers 401 in OpenAI’s error shape for a wrong key, and lists its model', async () => {
		const refused = await post(toolsBody, 'sk-wrong');
		expect(refused.status).toBe(401);
		expect(await refused.json()).toEqual({ error: expect.objectContaining({ code: 'invalid_api_key' }) });
		const models = await fetch(`${fake.baseUrl}/models`, { headers: { authorization: `Bearer ${KEY}` } });
		expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toEqual(['gpt-4o-mini']);
		expect(fake.requests).toHaveLength(0);
	});

	it('a tool call, then a final answer built from the tool result; every request kept', async () => {
		const first = (await (await post(toolsBody)).json()) as { choices: Array<{ message: { tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> }; finish_reason: string }> };
		expect(first.choices[0].finish_reason).toBe('tool_calls');
		const call = first.choices[0].message.tool_calls[0];
		expect({ name: call.function.name, args: JSON.parse(call.function.arguments) }).toEqual({ name: 'list_registrations', args: { limit: 5 } });
		const second = (await (
			await post({
				...toolsBody,
				messages: [...toolsBody.messages, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: [{ type: 'text', text: '[{"id":"r1"}]' }] }],
			})
		).json()) as { choices: Array<{ message: { content: string }; finish_reason: string }> };
		expect(second.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'The tool said: [{"id":"r1"}]' } });
		expect(fake.requests.map((r) => r.messages.length)).toEqual([1, 3]);
		expect(fake.requests[0].tools).toEqual([{ name: 'list_registrations', description: 'Lists registrations', parameters: { type: 'object', properties: {} } }]);
	});

	it('streams as server-sent events when asked (tool call deltas, [DONE])', async () => {
		const response = await post({ ...toolsBody, stream: true });
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const events = (await response.text()).split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
		expect(events[events.length - 1]).toBe('[DONE]');
		const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: Array<{ delta: { tool_calls?: Array<{ index: number; function: { name: string } }> }; finish_reason: string | null }> });
		expect(chunks[0].choices[0].delta.tool_calls?.[0]).toMatchObject({ index: 0, function: { name: 'list_registrations' } });
		expect(chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean)).toEqual(['tool_calls']);
	});

	it(`refuses a body over ${CHAT_MODEL_LIMITS.bodyBytes} bytes (413) and keeps at most ${CHAT_MODEL_LIMITS.requests} requests`, async () => {
		const big = await post({ ...toolsBody, messages: [{ role: 'user', content: 'x'.repeat(CHAT_MODEL_LIMITS.bodyBytes) }] });
		expect(big.status).toBe(413);
		for (let i = 0; i <= CHAT_MODEL_LIMITS.requests; i++) await (await post({ ...toolsBody, model: `m${i}` })).arrayBuffer();
		expect(fake.requests).toHaveLength(CHAT_MODEL_LIMITS.requests);
		expect(fake.requests[0].model).toBe('m1');
	});
});
