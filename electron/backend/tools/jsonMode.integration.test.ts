import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import type { TalariaError } from '../../../shared/contract/errors';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('memory', { batchIntervalMs: 5 });
  await h.client.request('engine.load', { path: await ensureTinyModel() });
});
afterAll(async () => h?.close({ removeData: true }));

async function conversation(seed = 7): Promise<string> {
  const { id } = await h.client.request('conversations.create', { title: 'json' });
  await h.client.request('conversations.update', {
    id,
    sampling: { temperature: 0.8, seed, maxTokens: 400 },
  });
  return id;
}

describe('JSON mode on the generated model', () => {
  it('yields schema-valid JSON for a bounded schema and stores the outcome', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 10 },
        color: { enum: ['red', 'green', 'blue'] },
        tags: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 2 },
        ok: { type: 'boolean' },
      },
      required: ['name', 'color', 'tags', 'ok'],
    };
    const validate = new Ajv({ strict: false }).compile(schema);
    for (const seed of [1, 2]) {
      const id = await conversation(seed);
      const set = await h.client.request('chat.setJsonMode', { conversationId: id, schema });
      expect(set.unenforced).toEqual([]);
      const done = nextEvent(h.client, 'chat.done', (e) => e.conversationId === id, 60_000);
      await h.client.request('chat.send', { conversationId: id, content: 'Describe a cat.' });
      const { message } = await done;
      expect(message.json).toMatchObject({ valid: true, attempts: 1, errors: [] });
      expect(validate(JSON.parse(message.content))).toBe(true);
      const inspected = await h.client.request('chat.promptFor', { messageId: message.id });
      expect(inspected.prompt).toContain("Here's the json schema you must adhere to:\n<schema>\n{");
    }
  });

  it('reports keywords the grammar cannot enforce and retries when validation fails', async () => {
    const schema = {
      type: 'object',
      properties: { code: { type: 'string', pattern: '^zzz$', maxLength: 3 } },
      required: ['code'],
    };
    const id = await conversation();
    const set = await h.client.request('chat.setJsonMode', {
      conversationId: id,
      schema,
      maxRetries: 1,
    });
    expect(set.unenforced).toEqual([
      { path: '/properties/code', keyword: 'pattern', message: 'the pattern is not enforced' },
    ]);
    const done = nextEvent(h.client, 'chat.done', (e) => e.conversationId === id, 60_000);
    await h.client.request('chat.send', { conversationId: id, content: 'Code?' });
    const { message } = await done;
    expect(message.json?.attempts).toBe(2);
    expect(message.json?.valid).toBe(false);
    expect(message.json?.errors[0]).toMatch(/"code" must match pattern/);
  });
});

describe('tool definitions through the contract', () => {
  it('rejects bad names, clashes and broken schemas with clear messages', async () => {
    const { id } = await h.client.request('conversations.create', {});
    const define = (params: Record<string, unknown>) =>
      h.client
        .request('tools.define', { conversationId: id, name: 'x', ...params } as never)
        .catch((e: TalariaError) => e);
    await h.client.request('tools.define', { conversationId: id, name: 'get_weather' });
    expect(await define({ name: '1abc' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/not a valid tool name/),
    });
    expect(await define({ name: 'get_weather' })).toMatchObject({
      message: expect.stringMatching(/already exists/),
    });
    expect(await define({ name: 'calculator' })).toMatchObject({
      message: expect.stringMatching(/built-in tool/),
    });
    expect(
      await define({ parameters: { type: 'object', properties: { a: { type: 'strng' } } } }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Invalid JSON Schema/),
    });
    expect(await define({ parameters: { type: 'array' } })).toMatchObject({
      message: expect.stringMatching(/must describe an object/),
    });
    const check = await h.client.request('tools.checkSchema', {
      schema: { type: 'string', format: 'email' },
    });
    expect(check).toEqual({
      valid: true,
      error: null,
      unenforced: [{ path: '/', keyword: 'format', message: 'format "email" is not enforced' }],
    });
  });

  it('imports and exports OpenAI tools JSON, all or nothing', async () => {
    const { id } = await h.client.request('conversations.create', {});
    const good = [
      {
        type: 'function',
        function: {
          name: 'search',
          description: 'Web search',
          parameters: { type: 'object', properties: { q: { type: 'string' } } },
        },
      },
      { type: 'function', function: { name: 'ping' } },
    ];
    const bad = [...good, { type: 'function', function: { name: 'bad name' } }, 'nope'];
    const failed = await h.client
      .request('tools.import', { conversationId: id, tools: bad })
      .catch((e: TalariaError) => e);
    expect(failed).toMatchObject({ code: 'INVALID_INPUT' });
    expect((failed as TalariaError).message).toContain('"bad name" is not a valid tool name');
    expect((failed as TalariaError).message).toContain('Tool 4: expected');
    expect((await h.client.request('tools.list', { conversationId: id })).tools).toEqual([]);
    const imported = await h.client.request('tools.import', {
      conversationId: id,
      tools: JSON.stringify({ tools: good }),
    });
    expect(imported.tools.map((t) => t.name)).toEqual(['search', 'ping']);
    const listed = await h.client.request('tools.list', { conversationId: id });
    expect(listed.settings.enabled).toEqual(['search', 'ping']);
    const exported = await h.client.request('tools.export', { conversationId: id });
    expect(exported.tools).toEqual([
      good[0],
      {
        type: 'function',
        function: { name: 'ping', description: '', parameters: { type: 'object', properties: {} } },
      },
    ]);
  });
});
