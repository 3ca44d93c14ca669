import type { GenerationStats } from '../contract/types';
import { fromZodError, importError, joinPath } from './importErrors';
import { talariaSchemas, type TalariaSchemas } from './importSchema';
import { settleStreaming } from './settle';
import { newestBranchLeaf, orderParentsFirst } from './tree';
import type { ConversationTree, ImportLimits, TreeMessage } from './types';

export const IMPORTED_STREAMING_ERROR = 'The reply was still being written when it was exported';
export const IMPORTED_TITLE = 'Imported conversation';

function checkArrayLength(raw: unknown, key: string, max: number, where: string): void {
  if (typeof raw !== 'object' || raw === null) return;
  const list = (raw as Record<string, unknown>)[key];
  // Checked before zod so a huge array is refused without validating every element first.
  if (Array.isArray(list) && list.length > max) {
    throw importError(
      joinPath(where, key),
      `${list.length} entries; at most ${max} per conversation can be imported`,
    );
  }
}

/** Validates one conversation in our export format and turns it into an insertable tree. */
export function talariaToTree(
  raw: unknown,
  where: string,
  limits: ImportLimits,
  schemas: TalariaSchemas = talariaSchemas(limits),
): ConversationTree {
  checkArrayLength(raw, 'messages', limits.maxMessagesPerConversation, where);
  checkArrayLength(raw, 'stats', limits.maxMessagesPerConversation, where);
  const parsed = schemas.conversation.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, raw, where);
  const { conversation, messages, stats } = parsed.data;

  const ordered = orderParentsFirst(messages, (problem) => importError(where, problem));
  const ids = new Set(ordered.map((m) => m.id));
  const statsById = new Map<string, GenerationStats>();
  stats.forEach(({ messageId, ...rest }, index) => {
    const at = joinPath(joinPath(where, 'stats'), index);
    if (!ids.has(messageId)) {
      throw importError(
        at,
        `stats for message ${JSON.stringify(messageId)}, which is not in the file`,
      );
    }
    if (statsById.has(messageId)) {
      throw importError(at, `message ${JSON.stringify(messageId)} has stats twice`);
    }
    statsById.set(messageId, rest);
  });

  let activeLeafId = conversation.activeLeafId;
  if (activeLeafId !== null && !ids.has(activeLeafId)) {
    throw importError(
      joinPath(joinPath(where, 'conversation'), 'activeLeafId'),
      `${JSON.stringify(activeLeafId)} is not a message in the file`,
    );
  }
  activeLeafId ??= newestBranchLeaf(ordered);

  const treeMessages: TreeMessage[] = ordered.map((m) =>
    settleStreaming(
      {
        id: m.id,
        parentId: m.parentId,
        role: m.role,
        content: m.content,
        status: m.status,
        error: m.error,
        model: m.model,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt ?? m.createdAt,
        stats: statsById.get(m.id) ?? null,
      },
      IMPORTED_STREAMING_ERROR,
    ),
  );

  return {
    title: conversation.title.trim() || IMPORTED_TITLE,
    systemPrompt: conversation.systemPrompt,
    sampling: conversation.sampling,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt ?? conversation.createdAt,
    pinned: conversation.pinned,
    activeLeafId,
    messages: treeMessages,
  };
}
