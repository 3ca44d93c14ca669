import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateToolCall } from '../../shared/hermes';
import { startApiHarness, timeTool, TINY_ID, weatherTool, type ApiHarness } from './apiTestSupport';

let t: ApiHarness;

beforeAll(async () => {
  t = await startApiHarness();
});
afterAll(async () => {
  await t?.close();
});

const user = (content: string) => [{ role: 'user' as const, content }];

describe('the official openai SDK against the API on the generated Hermes model', () => {
  it('lists the library model, loaded, under its stable id', async () => {
    const models = await t.openai.models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toContain(TINY_ID);
    const model = await t.openai.models.retrieve(TINY_ID);
    expect(model).toMatchObject({ id: TINY_ID, object: 'model', loaded: true });
  });

  it('answers a chat, and the stream spells the same reply with usage last', async () => {
    const request = { model: TINY_ID, messages: user('Hello!'), max_tokens: 12, temperature: 0 };
    const whole = await t.openai.chat.completions.create(request);
    expect(whole.object).toBe('chat.completion');
    expect(whole.id).toMatch(/^chatcmpl-/);
    const choice = whole.choices[0];
    expect(choice?.message.role).toBe('assistant');
    expect(['stop', 'length']).toContain(choice?.finish_reason);
    expect(whole.usage?.completion_tokens).toBeGreaterThan(0);
    expect(whole.usage?.completion_tokens).toBeLessThanOrEqual(12);
    expect(whole.usage?.total_tokens).toBe(
      (whole.usage?.prompt_tokens ?? 0) + (whole.usage?.completion_tokens ?? 0),
    );

    const stream = await t.openai.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe(choice?.message.content);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBe(whole.usage?.completion_tokens);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe(choice?.finish_reason);
    // The second identical prompt came from the KV cache.
    expect(last?.usage?.prompt_tokens_details?.cached_tokens).toBeGreaterThan(0);
  });

  it('honours tool_choice "required": a grammar-valid call, finish_reason tool_calls', async () => {
    const reply = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: user('Weather in Paris?'),
      tools: [weatherTool, timeTool],
      tool_choice: 'required',
      parallel_tool_calls: false,
      max_tokens: 200,
      seed: 3,
    });
    const choice = reply.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    const calls = choice?.message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    const call = calls[0] as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;
    expect(call.id).toMatch(/^call_/);
    expect(['get_weather', 'get_time']).toContain(call.function.name);
    const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
    const tool = call.function.name === 'get_weather' ? weatherTool : timeTool;
    expect(validateToolCall({ name: call.function.name, arguments: args }, [tool])).toEqual({
      ok: true,
    });
  });

  it('honours a named tool_choice, which llama-server rejects', async () => {
    const reply = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: user('What time is it?'),
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
      max_tokens: 200,
    });
    const call = reply.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_time');
    expect(reply.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams tool calls as fragments the SDK assembles, then takes the results back', async () => {
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = user('Weather?');
    const runner = t.openai.chat.completions.stream({
      model: TINY_ID,
      messages,
      tools: [weatherTool],
      tool_choice: 'required',
      parallel_tool_calls: false,
      max_tokens: 200,
    });
    const final = await runner.finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    const call = message?.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    const args =
      call?.type === 'function'
        ? (JSON.parse(call.function.arguments) as Record<string, unknown>)
        : {};
    expect(validateToolCall({ name: 'get_weather', arguments: args }, [weatherTool]).ok).toBe(true);

    const followUp = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: [
        ...messages,
        { role: 'assistant', content: null, tool_calls: message?.tool_calls ?? [] },
        { role: 'tool', tool_call_id: call?.id ?? '', content: '{"temp": 21}' },
      ],
      tools: [weatherTool],
      tool_choice: 'none',
      max_tokens: 8,
    });
    expect(followUp.choices[0]?.message.tool_calls).toBeUndefined();
    expect(['stop', 'length']).toContain(followUp.choices[0]?.finish_reason);
    expect(followUp.usage?.prompt_tokens).toBeGreaterThan(final.usage?.prompt_tokens ?? 0);
  });

  it('writes json_schema (strict) output that validates against the schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 10 },
        mood: { type: 'string', enum: ['happy', 'sad'] },
        age: { type: 'integer' },
      },
      required: ['name', 'mood', 'age'],
      additionalProperties: false,
    };
    const reply = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: user('Describe a person.'),
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'person', schema, strict: true },
      },
      max_tokens: 120,
    });
    const value = JSON.parse(reply.choices[0]?.message.content ?? '') as Record<string, unknown>;
    expect(
      validateToolCall({ name: 'p', arguments: value }, [{ name: 'p', parameters: schema }]),
    ).toEqual({ ok: true });
    expect(reply).not.toHaveProperty('warnings');
  });

  it('json_object gives a JSON object and reports keywords the grammar cannot enforce', async () => {
    const reply = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: user('JSON please'),
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'code',
          schema: {
            type: 'object',
            properties: { code: { type: 'string', pattern: '^[A-Z]{3}$', maxLength: 3 } },
            required: ['code'],
          },
        },
      },
      max_tokens: 60,
    });
    const warnings = (reply as unknown as { warnings?: string[] }).warnings ?? [];
    expect(warnings.some((w) => w.includes('pattern is not enforced'))).toBe(true);
    const plain = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: user('JSON please'),
      response_format: { type: 'json_object' },
      max_tokens: 60,
    });
    // Any object: a random-weight model may not close it within max_tokens. Either way the
    // grammar kept it an object, and the validator says whether it is complete.
    const content = plain.choices[0]?.message.content ?? '';
    expect(content.startsWith('{')).toBe(true);
    if (plain.choices[0]?.finish_reason === 'stop') {
      const value: unknown = JSON.parse(content);
      expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
    } else {
      const notes = (plain as unknown as { warnings?: string[] }).warnings ?? [];
      expect(notes.some((w) => w.startsWith('Not valid JSON'))).toBe(true);
    }
  });

  it('continues a raw prompt on /v1/completions, streamed and not', async () => {
    const whole = await t.openai.completions.create({
      model: TINY_ID,
      prompt: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n',
      max_tokens: 6,
      temperature: 0,
    });
    expect(whole.object).toBe('text_completion');
    expect(whole.usage?.completion_tokens).toBeGreaterThan(0);
    // Special-token tags are read as tokens: the prompt is far shorter than its characters.
    expect(whole.usage?.prompt_tokens).toBeLessThan(30);
    const stream = await t.openai.completions.create({
      model: TINY_ID,
      prompt: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n',
      max_tokens: 6,
      temperature: 0,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe(whole.choices[0]?.text);
  });

  it('answers errors in OpenAI shapes the SDK raises as typed errors', async () => {
    const missing = await t.openai.chat.completions
      .create({ model: 'no/such/model.gguf', messages: user('hi') })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');

    const many = await t.openai.chat.completions
      .create({ model: TINY_ID, messages: user('hi'), n: 2 })
      .catch((e: unknown) => e);
    expect(many).toBeInstanceOf(OpenAI.BadRequestError);
    expect((many as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('n');
    expect((many as Error).message).toContain('n > 1');

    const image = await t.openai.chat.completions
      .create({
        model: TINY_ID,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }],
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(image).toBeInstanceOf(OpenAI.BadRequestError);
    expect((image as Error).message).toContain("'image_url'");

    const named = await t.openai.chat.completions
      .create({
        model: TINY_ID,
        messages: user('hi'),
        tools: [weatherTool],
        tool_choice: { type: 'function', function: { name: 'nope' } },
      })
      .catch((e: unknown) => e);
    expect(named).toBeInstanceOf(OpenAI.BadRequestError);
    expect((named as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('tool_choice');
  });

  it('stops generating as soon as a streaming client goes away', async () => {
    const controller = new AbortController();
    const stream = await t.openai.chat.completions.create(
      { model: TINY_ID, messages: user('Tell a long story'), max_tokens: 4000, stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    // The SDK ends the iteration quietly when its own signal aborts it.
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content && ++chunks === 3) controller.abort();
    }
    expect(chunks).toBeLessThan(50);
    // The engine is free again at once: the next request is served without waiting out 4000 tokens.
    const started = performance.now();
    const next = await t.openai.chat.completions.create({
      model: TINY_ID,
      messages: user('hi'),
      max_tokens: 4,
    });
    expect(next.choices[0]?.message.role).toBe('assistant');
    expect(performance.now() - started).toBeLessThan(5000);
    const health = (await (await fetch(`${t.url}/health`)).json()) as { active: number };
    expect(health.active).toBe(0);
    const aborted = t.log.find((e) => e.status === 499);
    expect(aborted?.stream).toBe(true);
    expect(aborted?.completionTokens).toBeLessThan(1000);
  });
});
