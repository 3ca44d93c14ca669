import { TalariaError } from '../../../shared/contract/errors';
import type { ToolMethods } from '../../../shared/contract/tools';
import type { Handlers } from '../../../shared/rpc/types';
import type { BackendContext } from '../handlers/context';
import { jsonSchemaExamples } from './jsonSchemaExamples';
import { PausedCalls } from './PausedCalls';
import { readModelPromptInfo } from '../engine/hermes/modelPromptInfo';
import { renderPrompt } from './promptMessages';
import type { PendingAsks } from './ToolExecutor';
import type { ToolService } from './ToolService';
import type { PromptContext, ToolStore } from './ToolStore';

export interface ToolHandlerDeps {
  service: ToolService;
  tools: ToolStore;
  asks: PendingAsks;
}

/** Tool definitions and settings, JSON mode, 'ask' answers and the prompt inspector. */
export function createToolHandlers(
  ctx: BackendContext,
  { service, tools, asks }: ToolHandlerDeps,
): Handlers<ToolMethods> {
  const { store, engine } = ctx;
  const paused = new PausedCalls({ store, tools, chat: ctx.chat, emit: ctx.emit });
  return {
    'tools.list': async ({ conversationId }) => service.list(conversationId),
    'tools.builtins': async () => ({ builtins: service.builtins }),
    'tools.define': async (params) => service.define(params),
    'tools.update': async (params) => service.update(params),
    'tools.remove': async ({ id }) => {
      service.remove(id);
      return { ok: true };
    },
    'tools.import': async (params) => ({ tools: service.import(params) }),
    'tools.export': async ({ conversationId, includeBuiltins }) => ({
      tools: service.export(conversationId, includeBuiltins ?? false),
    }),
    'tools.jsonSchemaExamples': async () => ({ examples: jsonSchemaExamples() }),
    'tools.checkSchema': async ({ schema }) => service.checkSchema(schema),
    'conversations.setTools': async (params) => service.setTools(params),
    'chat.setJsonMode': async ({ conversationId, schema, maxRetries }) =>
      service.setJsonMode(conversationId, schema, maxRetries),
    'chat.resolveToolCall': async ({ callId, arguments: args, response }) => {
      const call = tools.calls.get(callId);
      if (!call) throw new TalariaError('NOT_FOUND', 'That tool call does not exist.');
      if (asks.isWaiting(callId)) return asks.answer(callId, args, response);
      // Asked before Talaria last closed: no loop waits for it, so the answer starts the rest.
      return paused.answer(call, args, response);
    },
    'chat.toolCalls': async ({ conversationId }) => {
      if (!store.conversations.get(conversationId)) {
        throw new TalariaError('NOT_FOUND', 'That conversation does not exist.');
      }
      return { calls: tools.calls.forConversation(conversationId) };
    },
    'chat.promptFor': async ({ messageId }) => {
      const message = store.messages.get(messageId);
      if (!message) throw new TalariaError('NOT_FOUND', 'That message does not exist.');
      if (message.role !== 'assistant') {
        throw new TalariaError(
          'INVALID_INPUT',
          'Only assistant messages have a prompt to inspect.',
        );
      }
      const conversation = store.conversations.get(message.conversationId);
      const history = store.messages.pathTo(messageId).slice(0, -1);
      const context: PromptContext = tools.promptContext(messageId) ?? {
        system: conversation?.systemPrompt.trim() ? [conversation.systemPrompt] : [],
        tools: [],
        toolResponseRole:
          tools.settings(message.conversationId).toolResponseRole === 'user' ? 'user' : 'tool',
      };
      const calls = tools.calls.forMessages(history.map((m) => m.id));
      const path = engine.status.model?.path;
      const model = path ? await readModelPromptInfo(path) : null;
      const { text: prompt, note } = renderPrompt(history, context, calls, model);
      const counted = await engine.countTokens(prompt).catch(() => null);
      return {
        messageId,
        prompt,
        renderNote: note,
        tokenCount: counted?.count ?? null,
        specialTokens: counted?.specialTokens ?? [],
      };
    },
  };
}
