import type { ConversationToolSettings, ToolResponseRole } from '../../../shared/contract/tools';
import type { Conversation, Message } from '../../../shared/contract/types';
import { jsonModeSystemPrompt } from '../../../shared/hermes';
import type { RoleplayPrompts } from '../roleplay/RoleplayPrompts';
import { toRecord } from '../roleplay/RoleplayPrompts';
import type { RoleplaySetup } from '../roleplay/roleplayInput';
import type { AssemblySink } from '../roleplay/RoleplaySource';
import type { Store } from '../store';
import { runJsonModeReply } from '../tools/jsonModeReply';
import { promptMessages } from '../tools/promptMessages';
import type { PendingAsks } from '../tools/ToolExecutor';
import { ToolLoop } from '../tools/ToolLoop';
import type { ToolService } from '../tools/ToolService';
import type { PromptContext, ToolStore } from '../tools/ToolStore';
import { samplingFor, type ReplyPlanner } from './replies';
import type { ReplyStream } from './ReplyStream';

export interface ConversationRepliesOptions {
  store: Store;
  tools: ToolStore;
  service: ToolService;
  asks: PendingAsks;
  /** Character, persona, lorebook and macro prompts; absent: every prompt is plain. */
  roleplay?: { prompts: RoleplayPrompts; assemblies: AssemblySink };
  /** The loaded model's tool-response role, for conversations that follow the model. */
  modelToolResponseRole?: () => Promise<ToolResponseRole>;
}

/** How a conversation's reply is written. */
export type ReplyKind = 'json' | 'tools' | 'roleplay' | 'plain';

const TOOLS_NOTE =
  'Tools or JSON mode are on: the system turn comes from this assembly, the history is sent as is.';

/**
 * The one place a conversation's reply is planned: JSON mode when it has a schema, the tool loop
 * when tools are enabled, the assembled roleplay prompt when it has a character, persona,
 * lorebook or macros, else one plain generation. A roleplay setup also gives JSON mode and tools
 * their system turn. Every assistant message records the context it was generated from (system
 * turns, tools, tool-response role, or the roleplay assembly) for the prompt inspector.
 */
export class ConversationReplies implements ReplyPlanner {
  private readonly loop: ToolLoop;

  constructor(private readonly options: ConversationRepliesOptions) {
    this.loop = new ToolLoop({ store: options.store, tools: options.tools, asks: options.asks });
  }

  /** Which of the four ways writes this conversation's next reply. */
  kindOf(conversation: Conversation, setup: RoleplaySetup | null): ReplyKind {
    if (this.options.tools.settings(conversation.id).jsonMode) return 'json';
    if (this.options.service.activeTools(conversation.id).length > 0) return 'tools';
    return setup ? 'roleplay' : 'plain';
  }

  async run(stream: ReplyStream, conversation: Conversation, history: Message[]): Promise<Message> {
    const { tools, service, roleplay } = this.options;
    const setup = roleplay?.prompts.setupFor(conversation) ?? null;
    const kind = this.kindOf(conversation, setup);
    const sampling = samplingFor(conversation);
    let systemPrompt = conversation.systemPrompt;
    if (roleplay && setup) {
      // Continuing a reply in place: the prompt must end with that reply, so nothing after it.
      const continuing = history.at(-1)?.role === 'assistant';
      const assembled = await roleplay.prompts.assemble(
        conversation,
        history,
        setup,
        continuing ? '' : undefined,
      );
      if (kind === 'roleplay') {
        roleplay.assemblies.set(stream.message.id, toRecord(assembled, setup.warnings));
        return stream.complete(await stream.generate(assembled.messages, sampling));
      }
      const first = assembled.messages[0];
      systemPrompt = first?.role === 'system' ? first.content : '';
      roleplay.assemblies.set(
        stream.message.id,
        toRecord(assembled, [...setup.warnings, TOOLS_NOTE], true),
      );
    }
    const settings = await this.settingsOf(conversation.id);
    switch (kind) {
      case 'json': {
        const jsonMode = settings.jsonMode;
        if (!jsonMode) throw new Error('unreachable: JSON mode without settings');
        const context = contextFor(systemPrompt, settings, [jsonModeSystemPrompt(jsonMode.schema)]);
        return runJsonModeReply(stream, tools, { history, jsonMode, context, sampling });
      }
      case 'tools': {
        const active = service.activeTools(conversation.id);
        const context = contextFor(systemPrompt, settings, []);
        context.tools = active.map((tool) => ({ type: 'function', function: tool.definition }));
        return this.loop.run(stream, { history, settings, active, context, sampling });
      }
      case 'roleplay':
      case 'plain': {
        const context = contextFor(systemPrompt, settings, []);
        tools.setPromptContext(stream.message.id, context);
        const calls = tools.calls.forMessages(history.map((m) => m.id));
        const result = await stream.generate(promptMessages(history, context, calls), sampling);
        return stream.complete(result);
      }
    }
  }

  decorate(messages: Message[]): Message[] {
    return this.options.tools.decorate(messages);
  }

  private async settingsOf(
    conversationId: string,
  ): Promise<ConversationToolSettings & { toolResponseRole: ToolResponseRole }> {
    const stored = this.options.tools.settings(conversationId);
    const role =
      stored.toolResponseRole === 'model'
        ? ((await this.options.modelToolResponseRole?.()) ?? 'tool')
        : stored.toolResponseRole;
    return { ...stored, toolResponseRole: role };
  }
}

function contextFor(
  systemPrompt: string,
  settings: ConversationToolSettings & { toolResponseRole: ToolResponseRole },
  leading: string[],
): PromptContext {
  return {
    system: [...leading, systemPrompt].filter((text) => text.trim() !== ''),
    tools: [],
    toolResponseRole: settings.toolResponseRole,
  };
}
