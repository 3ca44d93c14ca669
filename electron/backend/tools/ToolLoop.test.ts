import { afterEach, describe, expect, it } from 'vitest';
import type { ToolCallRecord } from '../../../shared/contract/tools';
import type { Message } from '../../../shared/contract/types';
import type { Store } from '../store';
import { useTempDir } from '../store/testSupport';
import { call, setupLoop } from './toolLoopTestSupport';

const tempDir = useTempDir();
const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(...args: Parameters<typeof setupLoop> extends [string, ...infer R] ? R : never) {
  const loop = setupLoop(tempDir(), ...args);
  stores.push(loop.store);
  return loop;
}

describe('ToolLoop', () => {
  it('runs the built-in calculator and feeds the result back in a tool turn', async () => {
    const t = setup([call('calculator', { expression: '2 + 3 * 4' }), 'It is 14.']);
    const final = await t.run();
    expect(final.content).toBe('It is 14.');
    const path = t.store.messages.activePath(t.id);
    expect(path.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(path[2]?.content).toBe(
      '{"name": "calculator", "content": {"expression":"2 + 3 * 4","result":14}}',
    );
    const [record] = t.tools.calls.forConversation(t.id);
    expect(record).toMatchObject({
      name: 'calculator',
      status: 'done',
      resultMessageId: path[2]?.id,
    });
    expect(record?.durationMs).toBeGreaterThanOrEqual(0);
    expect(t.callEvents().map((c) => c.status)).toEqual(['pending', 'running', 'done', 'done']);
    // Clients learn of every message the loop adds or finishes while the reply runs.
    const changed = t.events
      .filter((e) => e.name === 'chat.message')
      .map((e) => (e.data as { message: Message }).message);
    expect(changed.map((m) => [m.role, m.status])).toEqual([
      ['tool', 'complete'],
      ['assistant', 'complete'],
      ['assistant', 'streaming'],
    ]);
    expect(changed[1]?.toolCalls?.[0]).toMatchObject({ name: 'calculator', status: 'done' });
    // The second step sees the call as tool_calls and its result inside <tool_response>.
    expect(t.toolPrompt(1)).toContain(
      '<|im_start|>assistant\n<tool_call>\n{"name": "calculator", "arguments": {"expression": ' +
        '"2 + 3 * 4"}}\n</tool_call><|im_end|>\n<|im_start|>tool\n<tool_response>\n{"name": ' +
        '"calculator", "content": {"expression":"2 + 3 * 4","result":14}}\n</tool_response>' +
        '<|im_end|><|im_start|>assistant\n',
    );
  });

  it('forces the first step only: later steps run as auto', async () => {
    const t = setup([call('calculator', { expression: '1' }), 'done'], {
      toolChoice: { name: 'calculator' },
    });
    await t.run();
    expect(t.options.map((o) => o.tools?.choice)).toEqual([{ name: 'calculator' }, 'auto']);
  });

  it('returns parallel calls in one tool turn, in call order', async () => {
    const t = setup([
      call('roll_dice', { notation: '2d6' }) + '\n' + call('calculator', { expression: '6 * 7' }),
      'ok',
    ]);
    await t.run();
    const path = t.store.messages.activePath(t.id);
    expect(path.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
    expect(path[2]?.content).toMatch(/^\{"name": "roll_dice", "content": \{"notation":"2d6"/);
    expect(path[3]?.content).toContain('"result":42');
    const prompt = t.toolPrompt(1);
    expect(prompt.match(/<\|im_start\|>tool/g)).toHaveLength(1);
    expect(prompt.match(/<tool_response>/g)).toHaveLength(2);
  });

  it('feeds invalid calls back with the reference loop wording, then retries', async () => {
    const t = setup(
      [
        call('calculator', { expr: 5 }),
        '<tool_call>\n{"name": calculator, "arguments": }\n</tool_call>',
        call('weather', { city: 'Paris' }),
        call('calculator', { expression: '2 +' }),
        call('calculator', { expression: '1 + 1' }),
        'Two.',
      ],
      { maxDepth: 6 },
    );
    const final = await t.run();
    expect(final.content).toBe('Two.');
    const tools = t.store.messages.activePath(t.id).filter((m) => m.role === 'tool');
    expect(tools.map((m) => m.content.split('\n')[0])).toEqual([
      'There was an error validating function call against function signature: calculator',
      'There was an error parsing function calls',
      'There was an error validating function call against function signature: weather',
      'There was an error when executing the function: calculator',
      '{"name": "calculator", "content": {"expression":"1 + 1","result":2}}',
    ]);
    expect(tools[0]?.content).toContain('missing required argument "expression"');
    expect(tools[0]?.content).toMatch(
      /Please call this function again with correct arguments within XML tags <tool_call><\/tool_call>$/,
    );
    expect(tools[1]?.content).toMatch(
      /^There was an error parsing function calls\n Here's the error stack trace: .+\nPlease call the function again with correct syntax$/,
    );
    expect(tools[2]?.content).toContain('Unknown tool "weather"');
    expect(tools[3]?.content).toContain('ends too early');
    // The unparseable message goes back to the model as the raw text it wrote.
    expect(t.toolPrompt(2)).toContain(
      '<|im_start|>assistant\n<tool_call>\n{"name": calculator, "arguments": }\n</tool_call><|im_end|>\n' +
        '<|im_start|>tool\n<tool_response>\nThere was an error parsing function calls',
    );
    const statuses = t.tools.calls.forConversation(t.id).map((c) => [c.name, c.status]);
    expect(statuses).toEqual([
      ['calculator', 'error'],
      ['', 'error'],
      ['weather', 'error'],
      ['calculator', 'error'],
      ['calculator', 'done'],
    ]);
  });

  it('times out a hanging tool and reports a tool that throws', async () => {
    const t = setup([call('hang', {}) + '\n' + call('explode', {}), 'sorry'], { timeoutMs: 150 });
    const started = Date.now();
    await t.run();
    expect(Date.now() - started).toBeLessThan(5000);
    const [hang, explode] = t.tools.calls.forConversation(t.id);
    expect(hang).toMatchObject({
      status: 'error',
      error: 'The tool did not answer within 150 ms and was stopped.',
    });
    expect(hang?.durationMs).toBeGreaterThanOrEqual(140);
    expect(explode).toMatchObject({ status: 'error', error: 'the fuse was lit' });
    expect(explode?.result).toBe(
      "There was an error when executing the function: explode\nHere's the error traceback: the fuse was lit\n" +
        'Please call this function again with correct arguments within XML tags <tool_call></tool_call>',
    );
  });

  it('stops after maxDepth tool turns with a notice on the last message', async () => {
    const loops = Array.from({ length: 10 }, () => call('calculator', { expression: '1' }));
    const t = setup(loops, { maxDepth: 3 });
    const final = await t.run();
    expect(t.prompts).toHaveLength(3);
    expect(final.error).toMatch(/stopped after 3 tool turns/);
    expect(final.status).toBe('complete');
    const roles = t.store.messages.activePath(t.id).map((m) => m.role);
    expect(roles.filter((r) => r === 'tool')).toHaveLength(3);
    expect(roles.at(-1)).toBe('tool');
  });

  it("sends results as a user turn when the conversation says 'user'", async () => {
    const t = setup(
      [
        call('calculator', { expression: '1' }) + '\n' + call('calculator', { expression: '2' }),
        'ok',
      ],
      { toolResponseRole: 'user' },
    );
    await t.run();
    const second = t.prompts[1] ?? [];
    expect(second.at(-1)).toEqual({
      role: 'user',
      content:
        '<tool_response>\n{"name": "calculator", "content": {"expression":"1","result":1}}\n</tool_response>\n' +
        '<tool_response>\n{"name": "calculator", "content": {"expression":"2","result":2}}\n</tool_response>\n',
    });
  });

  it("pauses on an 'ask' mock, takes edited arguments and the user's response, then goes on", async () => {
    const t = setup([call('lookup', { q: 'tea' }), 'Thanks.']);
    t.service.define({
      conversationId: t.id,
      name: 'lookup',
      parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
      mock: { mode: 'ask' },
    });
    const running = t.run();
    await expect.poll(() => t.callEvents().at(-1)?.status).toBe('awaiting-user');
    const waiting = t.callEvents().at(-1) as ToolCallRecord;
    expect(() => t.asks.answer(waiting.id, { q: 42 }, 'x')).toThrow(/"q" must be a string/);
    const answered = await t.asks.answer(waiting.id, { q: 'coffee' }, '{"found": 3}');
    expect(answered).toMatchObject({ status: 'done', arguments: { q: 'coffee' } });
    const final = await running;
    expect(final.content).toBe('Thanks.');
    const toolMessage = t.store.messages.activePath(t.id).find((m) => m.role === 'tool');
    expect(toolMessage?.content).toBe('{"name": "lookup", "content": {"found": 3}}');
    // The model sees the call with the arguments the user chose.
    expect(JSON.stringify(t.prompts[1])).toContain('"arguments":{"q":"coffee"}');
  });

  it('withdraws a waiting call when the reply is stopped', async () => {
    const t = setup([call('lookup', {})]);
    t.service.define({ conversationId: t.id, name: 'lookup', mock: { mode: 'ask' } });
    const running = t.run();
    await expect.poll(() => t.callEvents().at(-1)?.status).toBe('awaiting-user');
    t.stream.controller.abort();
    await running;
    const [record] = t.tools.calls.forConversation(t.id);
    expect(record).toMatchObject({
      status: 'error',
      error: 'Stopped before the user answered this call.',
    });
  });
});
