import { TalariaError } from '../contract/errors';
import { orderParentsFirst } from './tree';
import {
  BUNDLE_FORMAT,
  CONVERSATION_FORMAT,
  EXPORT_VERSION,
  type ConversationBundle,
  type ConversationExport,
  type ExportSource,
  type ExportedStats,
} from './types';

/** The full-fidelity export of one conversation: every branch, stats and settings. */
export function buildConversationExport(
  source: ExportSource,
  exportedAt: number,
): ConversationExport {
  const { conversation } = source;
  const stats: ExportedStats[] = [];
  const corrupt = (problem: string) =>
    new TalariaError('INTERNAL', `Conversation ${conversation.id} is damaged: ${problem}`);
  const messages = orderParentsFirst(source.messages, corrupt).map((m) => {
    if (m.stats) stats.push({ messageId: m.id, ...m.stats });
    return {
      id: m.id,
      parentId: m.parentId,
      role: m.role,
      content: m.content,
      status: m.status,
      error: m.error,
      model: m.model,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    };
  });
  return {
    format: CONVERSATION_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    conversation: {
      id: conversation.id,
      title: conversation.title,
      systemPrompt: conversation.systemPrompt,
      sampling: conversation.sampling,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
      activeLeafId: conversation.activeLeafId,
      pinned: source.pinned,
    },
    messages,
    stats,
  };
}

export function buildBundle(
  sources: readonly ExportSource[],
  exportedAt: number,
): ConversationBundle {
  return {
    format: BUNDLE_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    conversations: sources.map((s) => buildConversationExport(s, exportedAt)),
  };
}

/** The text written to a `.json` file. */
export function serializeExport(data: ConversationExport | ConversationBundle): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
