import { TalariaError } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/contract/types';
import { settleStreaming } from '../../../shared/chatExport/settle';
import { orderParentsFirst } from '../../../shared/chatExport/tree';
import type { ConversationTree, ExportSource, TreeMessage } from '../../../shared/chatExport/types';
import { MESSAGE_COLUMNS, statsParams, toConversation, toMessage } from './rows';
import type { ConversationRow, MessageRow } from './rows';
import type { StatementCache } from './StatementCache';

export const COPIED_STREAMING_ERROR = 'Copied while the reply was still being written';

/** Reads a conversation with every message of every branch; null when it does not exist. */
export function readSource(
  statements: StatementCache,
  conversationId: string,
): ExportSource | null {
  const row = statements.prepare('SELECT * FROM conversations WHERE id = ?').get(conversationId) as
    (ConversationRow & { pinned: number }) | undefined;
  if (!row) return null;
  const messages = statements
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN message_stats s ON s.message_id = m.id
       WHERE m.conversation_id = ? ORDER BY m.rowid`,
    )
    .all(conversationId) as MessageRow[];
  return {
    conversation: toConversation(row),
    pinned: row.pinned !== 0,
    messages: messages.map(toMessage),
  };
}

function toTreeMessage(m: Message): TreeMessage {
  const { id, parentId, role, content, status, error, model, createdAt, updatedAt, stats } = m;
  const message = {
    id,
    parentId,
    role,
    content,
    status,
    error,
    model,
    createdAt,
    updatedAt,
    stats,
  };
  return settleStreaming(message, COPIED_STREAMING_ERROR);
}

/** A stored conversation (or the given messages of it) as a tree to insert as a new copy. */
export function sourceToTree(
  source: ExportSource,
  options: {
    title: string;
    now: number;
    messages?: readonly Message[];
    activeLeafId?: string | null;
  },
): ConversationTree {
  const messages = options.messages ?? source.messages;
  const ordered = orderParentsFirst(
    messages,
    (problem) =>
      new TalariaError('INTERNAL', `Conversation ${source.conversation.id} is damaged: ${problem}`),
  );
  return {
    title: options.title,
    systemPrompt: source.conversation.systemPrompt,
    sampling: source.conversation.sampling,
    createdAt: options.now,
    updatedAt: options.now,
    pinned: false,
    activeLeafId:
      options.activeLeafId === undefined ? source.conversation.activeLeafId : options.activeLeafId,
    messages: ordered.map(toTreeMessage),
  };
}

/**
 * Inserts a conversation tree under new ids and returns the new conversation id. Run it inside
 * a transaction: a failure part-way must roll back with the caller's other writes.
 */
export function insertTree(
  statements: StatementCache,
  tree: ConversationTree,
  newId: () => string,
): string {
  const conversationId = newId();
  statements
    .prepare(
      `INSERT INTO conversations (id, title, system_prompt, sampling_json, created_at,
         updated_at, active_leaf_id, pinned)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
    )
    .run(
      conversationId,
      tree.title,
      tree.systemPrompt,
      JSON.stringify(tree.sampling),
      tree.createdAt,
      tree.updatedAt,
      tree.pinned ? 1 : 0,
    );
  const insertMessage = statements.prepare(
    `INSERT INTO messages (id, conversation_id, parent_id, role, content, status, error, model,
       created_at, updated_at)
     VALUES (@id, @conversationId, @parentId, @role, @content, @status, @error, @model,
       @createdAt, @updatedAt)`,
  );
  const insertStats = statements.prepare(
    `INSERT INTO message_stats (message_id, ttft_ms, tokens_per_second, prompt_tokens,
       evaluated_prompt_tokens, completion_tokens, duration_ms, stop_reason)
     VALUES (@messageId, @ttftMs, @tokensPerSecond, @promptTokens, @evaluatedPromptTokens,
       @completionTokens, @durationMs, @stopReason)`,
  );
  const ids = new Map<string, string>();
  for (const m of tree.messages) {
    const id = newId();
    const parentId = m.parentId === null ? null : ids.get(m.parentId);
    if (parentId === undefined) {
      throw new TalariaError('INTERNAL', `Message ${m.id} was reached before its parent`);
    }
    ids.set(m.id, id);
    insertMessage.run({
      id,
      conversationId,
      parentId,
      role: m.role,
      content: m.content,
      status: m.status,
      error: m.error,
      model: m.model,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    });
    if (m.stats) insertStats.run(statsParams(id, m.stats));
  }
  const leaf = tree.activeLeafId === null ? null : (ids.get(tree.activeLeafId) ?? null);
  statements
    .prepare('UPDATE conversations SET active_leaf_id = ? WHERE id = ?')
    .run(leaf, conversationId);
  return conversationId;
}
