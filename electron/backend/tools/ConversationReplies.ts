import type { ConversationToolSettings, ToolResponseRole } from '../../../shared/contract/tools';
import type { Conversation, Message } from '../../../shared/contract/types';
import { jsonModeSystemPrompt } from '../../../shared/hermes';
import { samplingFor, type ReplyPlanner } from '../chat/replies';
import type { ReplyStream } from '../chat/ReplyStream';
import type { Store } from '../store';
import { runJsonModeReply } from './jsonModeReply';
import { promptMessages } from './promptMessages';
import type { PendingAsks } from './ToolExecutor';
import { ToolLoop } from './ToolLoop';
import type { ToolService } from './ToolService';
import type { PromptContext, ToolStore } from './ToolStore';

export interface ConversationRepliesOptions {
  store: Store;
  tools: ToolStore;
  service: ToolService;
  asks: PendingAsks;
  /** The loaded model's tool-response role, for conversations that follow the model. */
  modelToolResponseRole?: () => Promise<ToolResponseRole>;
}

/**
 * Picks how a conversation's reply is written: JSON mode when it has a schema, the tool loop
 * when tools are enabled, else one plain generation. Every assistant message records the
 * context it was generated from (system turns, tools, tool-response role) for the inspector.
 */
export class ConversationReplies implements ReplyPlanner {
  private readonly loop: ToolLoop;

  constructor(private readonly options: ConversationRepliesOptions) {
    this.loop = new ToolLoop({ store: options.store, tools: options.tools, asks: options.asks });
  }

  async run(stream: ReplyStream, conversation: Conversation, history: Message[]): Promise<Message> {
    const { tools, service } = this.options;
    const stored = tools.settings(conversation.id);
    const role =
      stored.toolResponseRole === 'model'
        ? ((await this.options.modelToolResponseRole?.()) ?? 'tool')
        : stored.toolResponseRole;
    const settings = { ...stored, toolResponseRole: role };
    const sampling = samplingFor(conversation);
    if (settings.jsonMode) {
      const context = contextFor(conversation, settings, [
        jsonModeSystemPrompt(settings.jsonMode.schema),
      ]);
      return runJsonModeReply(stream, tools, {
        history,
        jsonMode: settings.jsonMode,
        context,
        sampling,
      });
    }
    const active = service.activeTools(conversation.id);
    if (active.length === 0) {
      const context = contextFor(conversation, settings, []);
      tools.setPromptContext(stream.message.id, context);
      const calls = tools.calls.forMessages(history.map((m) => m.id));
      const result = await stream.generate(promptMessages(history, context, calls), sampling);
      return stream.complete(result);
    }
    const context = contextFor(conversation, settings, []);
    context.tools = active.map((tool) => ({ type: 'function', function: tool.definition }));
    return this.loop.run(stream, { history, settings, active, context, sampling });
  }

  decorate(messages: Message[]): Message[] {
    return this.options.tools.decorate(messages);
  }
}

function contextFor(
  conversation: Conversation,
  settings: ConversationToolSettings & { toolResponseRole: ToolResponseRole },
  leading: string[],
): PromptContext {
  return {
    system: [...leading, conversation.systemPrompt].filter((text) => text.trim() !== ''),
    tools: [],
    toolResponseRole: settings.toolResponseRole,
  };
}
