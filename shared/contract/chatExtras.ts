import type { ConversationWithMessages, StreamStart } from './api';
import type { ChatRole, Conversation, ContextPolicy, ConversationSummary } from './types';

/**
 * The chat experience around the core (issue 5): branches, message actions, the paged sidebar
 * with pinning, full-text search, and export / import.
 */

/** Replies to one message (or the roots of a conversation) when there are several: branches. */
export interface BranchGroup {
  /** The message they reply to; null for alternative first messages. */
  parentId: string | null;
  /** Oldest first; the ‹ n/m › control steps through them. */
  messageIds: string[];
}

/** A conversation as the chat pane shows it: the active branch plus where it can branch. */
export interface ConversationView extends ConversationWithMessages {
  /** Every place in the conversation with more than one reply. */
  branches: BranchGroup[];
}

/** A sidebar row. */
export interface ConversationListEntry extends ConversationSummary {
  pinned: boolean;
}

/** One message that matched a search. */
export interface SearchHit {
  messageId: string;
  conversationId: string;
  conversationTitle: string;
  role: ChatRole;
  /**
   * Plain text around the hits (never HTML); each hit is wrapped in the HIGHLIGHT_START /
   * HIGHLIGHT_END control characters of shared/chatExport/searchHighlight.
   */
  snippet: string;
  createdAt: number;
  /** bm25 score; lower is a better match. */
  rank: number;
}

export type ExportFormat = 'md' | 'json';

export interface ExportedFile {
  /** A safe suggested file name (no folders). */
  fileName: string;
  text: string;
  conversationCount: number;
}

/**
 * The largest import text the API accepts (characters). The WebSocket transport carries at most
 * 32 MB per message; bigger files go through `talaria chats import`.
 */
export const MAX_IMPORT_TEXT_CHARS = 30 * 1024 * 1024;

/**
 * Generation controls beside the sampling numbers, with the Hermes defaults: no extra stop
 * strings, the loaded context, and a rolling window when the history no longer fits.
 */
export const DEFAULT_CONTEXT_CONTROLS: {
  stopStrings: string[];
  contextLength: number | null;
  contextPolicy: ContextPolicy;
} = {
  stopStrings: [],
  contextLength: null,
  contextPolicy: 'rollingWindow',
};

export type ChatExtrasMethods = {
  /**
   * One page of the sidebar: pinned first, then newest activity. `total` counts every
   * conversation. `limit` defaults to 200 (at most 10,000).
   */
  'conversations.page': {
    params: { limit?: number; offset?: number };
    result: { conversations: ConversationListEntry[]; total: number };
  };
  /** Pins or unpins a conversation (does not count as activity). */
  'conversations.pin': { params: { id: string; pinned: boolean }; result: { ok: true } };
  /** Copies a conversation with every branch, its stats and settings. */
  'conversations.duplicate': { params: { id: string; title?: string }; result: Conversation };
  /** A new conversation holding the branch from the root down to `messageId`. */
  'conversations.fork': { params: { messageId: string; title?: string }; result: Conversation };
  /**
   * Opens a conversation fast: its settings, the places it branches, and the last `last`
   * messages of the shown branch (default all). `complete` is false when older messages were
   * left out; `conversations.get` returns them all.
   */
  'conversations.view': {
    params: { id: string; last?: number };
    result: ConversationView & { complete: boolean };
  };
  /** The places where a conversation branches (for ‹ n/m › controls). */
  'conversations.branches': { params: { id: string }; result: { branches: BranchGroup[] } };
  /**
   * Full-text search over every message of every branch (SQLite FTS5). Words match by prefix
   * when they end in `*`; `"quoted phrases"` match exactly. At most 500 hits per page.
   */
  'conversations.search': {
    params: { query: string; limit?: number; offset?: number; order?: 'relevance' | 'recent' };
    result: { hits: SearchHit[] };
  };
  /**
   * Export as Markdown (the branch on screen) or full-fidelity JSON (every branch, stats,
   * settings): one conversation by `id`, or every conversation with `all: true`.
   */
  'conversations.export': {
    params: { id?: string; all?: boolean; format?: ExportFormat };
    result: ExportedFile;
  };
  /**
   * Imports our JSON (one conversation or a bundle) or an OpenAI-style `messages` array, all in
   * one transaction: on any error (INVALID_INPUT) nothing is saved. Returns the new ids.
   */
  'conversations.import': { params: { text: string }; result: { conversationIds: string[] } };
  /**
   * Makes a message part of the shown branch: when it is not on the active branch, the branch
   * below it with the newest replies becomes active. Used by ‹ n/m › and by search hits.
   */
  'messages.reveal': { params: { messageId: string }; result: ConversationView };
  /**
   * Deletes a message with every reply below it. When the shown branch went through it, the
   * nearest remaining sibling branch (or the parent) is shown. BUSY while a reply streams there.
   */
  'messages.delete': { params: { messageId: string }; result: ConversationView };
  /**
   * Edit and resend: writes `content` as a new user message beside `messageId` (a sibling
   * branch; the original stays), then streams the reply like `chat.send`.
   */
  'chat.edit': { params: { messageId: string; content: string }; result: StreamStart };
  /**
   * Continues the trailing assistant reply of the shown branch in place (a reply that was
   * stopped or hit max tokens). The stream's text starts with what the reply already had.
   */
  'chat.continue': { params: { conversationId: string }; result: StreamStart };
};
