import { join } from 'node:path';
import type { TalariaEvents } from '../../../shared/contract';
import type { ConversationToolSettings, ToolCallRecord } from '../../../shared/contract/tools';
import { HERMES_DEFAULT_SAMPLING, type GenerationStats } from '../../../shared/contract/types';
import { renderHermesPrompt, type HermesMessage } from '../../../shared/hermes';
import { ReplyStream } from '../chat/ReplyStream';
import type { EngineHost, GenerateOptions } from '../engine/EngineHost';
import { Store } from '../store';
import { createBuiltinTools } from './builtins';
import { seededRandom } from './builtins/dice';
import { PendingAsks } from './ToolExecutor';
import { ToolLoop } from './ToolLoop';
import { ToolService } from './ToolService';
import { ToolStore } from './ToolStore';

// Test support for ToolLoop.test.ts and PausedCalls.test.ts.

const STATS: GenerationStats = {
  ttftMs: 1,
  tokensPerSecond: 10,
  promptTokens: 10,
  evaluatedPromptTokens: 10,
  completionTokens: 5,
  durationMs: 5,
  stopReason: 'eos',
};

export const call = (name: string, args: unknown) =>
  `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;

/** The engine with its outputs scripted; records the prompts and options it was given. */
export function scriptedEngine(outputs: string[]) {
  const prompts: HermesMessage[][] = [];
  const options: GenerateOptions[] = [];
  const engine = {
    status: { model: { name: 'scripted' } },
    generate: async (
      messages: HermesMessage[],
      _sampling: unknown,
      callbacks: { onText: (text: string, tokens: number) => void },
      opts: GenerateOptions,
    ) => {
      prompts.push(messages);
      options.push(opts);
      const text = outputs.shift() ?? 'All done.';
      callbacks.onText(text, 5);
      return { text, stats: STATS };
    },
  };
  return { engine: engine as unknown as EngineHost, status: engine.status, prompts, options };
}

/**
 * The loop over a real store, with the model replaced by scripted outputs: the one thing a
 * random-weights model cannot be made to write on purpose (a chosen wrong call) is scripted.
 */
export function setupLoop(
  dir: string,
  outputs: string[],
  settings: Partial<ConversationToolSettings> = {},
) {
  const store = new Store({ file: join(dir, 'talaria.db') });
  const tools = new ToolStore(store.db);
  const builtins = createBuiltinTools({ random: seededRandom(1) });
  const object = { type: 'object', properties: {} };
  builtins.set('hang', {
    definition: { name: 'hang', description: 'Never answers.', parameters: object },
    run: () => new Promise(() => undefined),
  });
  builtins.set('explode', {
    definition: { name: 'explode', description: 'Throws.', parameters: object },
    run: () => {
      throw new Error('the fuse was lit');
    },
  });
  const service = new ToolService({ store, tools, builtins });
  const conversation = store.conversations.create({ title: 'tools' });
  const id = conversation.id;
  const user = store.messages.insert({
    conversationId: id,
    parentId: null,
    role: 'user',
    content: 'Help me.',
    status: 'complete',
  });
  const assistant = store.messages.insert({
    conversationId: id,
    parentId: user.id,
    role: 'assistant',
    content: '',
    status: 'streaming',
  });
  const { engine, prompts, options } = scriptedEngine(outputs);
  const events: { name: string; data: unknown }[] = [];
  const emit = <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]) =>
    events.push({ name, data });
  const stream = new ReplyStream({ streamId: 's1', store, engine, emit, message: assistant });
  const asks = new PendingAsks();
  const loop = new ToolLoop({ store, tools, asks });
  service.setTools({
    conversationId: id,
    enabled: ['calculator', 'roll_dice', 'hang', 'explode'],
    ...settings,
  });
  const run = () => {
    const active = service.activeTools(id);
    const saved = tools.settings(id);
    const context = {
      system: [],
      tools: active.map((t) => ({ type: 'function' as const, function: t.definition })),
      toolResponseRole: saved.toolResponseRole === 'user' ? ('user' as const) : ('tool' as const),
    };
    return loop.run(stream, {
      history: [user],
      settings: saved,
      active,
      context,
      sampling: HERMES_DEFAULT_SAMPLING,
    });
  };
  const callEvents = () =>
    events
      .filter((e) => e.name === 'chat.toolCall')
      .map((e) => (e.data as { call: ToolCallRecord }).call);
  const toolPrompt = (i: number) =>
    renderHermesPrompt(prompts[i] ?? [], { tools: [{ name: 'calculator' }] });
  return {
    store,
    tools,
    service,
    id,
    run,
    prompts,
    options,
    events,
    callEvents,
    asks,
    stream,
    toolPrompt,
  };
}
