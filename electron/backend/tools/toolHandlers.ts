import { pageOf } from '../../../shared/contract/define';
import { notFound, TalariaError } from '../../../shared/contract/errors';
import { renderHermesPrompt } from '../../../shared/hermes';
import type { AssemblySink } from '../roleplay/RoleplaySource';
import type { ToolMethods } from '../../../shared/contract/tools';
import type { Handlers } from '../../../shared/rpc/types';
import type { BackendContext } from '../handlers/context';
import { jsonSchemaExamples } from './jsonSchemaExamples';
import { PausedCalls } from './PausedCalls';
import { modelPromptText, readModelPromptInfo } from '../engine/hermes/modelPromptInfo';
import { renderPrompt } from './promptMessages';
import type { PendingAsks } from './ToolExecutor';
import type { ToolService } from './ToolService';
import type { PromptContext, ToolStore } from './ToolStore';

export interface ToolHandlerDeps {
  service: ToolService;
  tools: ToolStore;
  asks: PendingAsks;
  /** The assembled prompts of roleplay replies. */
  assemblies: AssemblySink;
}

/** Tool definitions and settings, JSON mode, 'ask' answers and the prompt inspector. */
export function createToolHandlers(
  ctx: BackendContext,
  { service, tools, asks, assemblies }: ToolHandlerDeps,
): Handlers<ToolMethods> {
  const { store, engine } = ctx;
  const paused = new PausedCalls({ store, tools, chat: ctx.chat, emit: ctx.emit });
  const countPrompt = async (prompt: string) => {
    const counted = await engine.countTokens(prompt).catch(() => null);
    return { tokenCount: counted?.count ?? null, specialTokens: counted?.specialTokens ?? [] };
  };
  return {
    'tools.list': async ({ conversationId, ...page }) => {
      const listed = service.list(conversationId);
      const { items, total } = pageOf(listed.tools, page);
      return { ...listed, tools: items, total };
    },
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
    'chat.toolCalls': async ({ conversationId, ...page }) => {
      if (!store.conversations.get(conversationId)) throw notFound('conversation', conversationId);
      const { items, total } = pageOf(tools.calls.forConversation(conversationId), page);
      return { calls: items, total };
    },
    'chat.promptFor': async ({ messageId }) => {
      // A roleplay reply's prompt is the assembled one, kept with the message.
      const assembled = assemblies.get(messageId);
      if (assembled && !assembled.viaTools) {
        const path = engine.status.model?.path;
        const model = path ? await readModelPromptInfo(path) : null;
        const rendered = model ? modelPromptText(model, assembled.turns) : null;
        const prompt = rendered?.text ?? renderHermesPrompt(assembled.turns);
        return {
          messageId,
          prompt,
          renderNote: rendered?.note ?? null,
          ...(await countPrompt(prompt)),
        };
      }
      const message = store.messages.get(messageId);
      if (!message) throw notFound('message', messageId);
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
      return { messageId, prompt, renderNote: note, ...(await countPrompt(prompt)) };
    },
  };
}
