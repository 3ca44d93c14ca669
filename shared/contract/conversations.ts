/**
 * Conversations and their messages: the paged sidebar, opening one, settings, branches, pins,
 * copies, full-text search, export and import.
 */
import { z } from 'zod';
import type { MethodsOf } from '../rpc/types';
import { id, method, ok, MAX_PAGE_LIMIT, returns } from './define';
import { samplingOverridesSchema, type ContextPolicy } from './sampling';
import type { ChatRole, Conversation, ConversationSummary, Message } from './types';

export interface ConversationWithMessages {
  conversation: Conversation;
  /** The active branch from the root to the leaf. */
  messages: Message[];
}

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

/** `conversations.export`: one file of text. */
export interface ConversationExport {
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

/** The sidebar's page size when the caller gives none. */
export const DEFAULT_CONVERSATION_PAGE = 200;

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

const title = z.string().trim().min(1).max(500);
const byId = z.object({ id }).strict();
const byMessage = z.object({ messageId: id }).strict();
const view = returns<ConversationView>();

export const conversationMethods = {
  /**
   * One page of the sidebar: pinned first, then newest activity. `limit` defaults to 200 (at
   * most 1000); `total` counts every conversation.
   */
  'conversations.list': method({
    params: z
      .object({
        limit: z.number().int().min(1).max(MAX_PAGE_LIMIT).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
      })
      .strict(),
    result: returns<{ conversations: ConversationListEntry[]; total: number }>(),
  }),
  /**
   * A new, empty conversation. Without a system prompt of its own it starts from the default
   * preset: the loaded model's, else the default of all chats.
   */
  'conversations.create': method({
    params: z
      .object({
        title: z.string().max(500).optional(),
        systemPrompt: z.string().max(200_000).optional(),
      })
      .strict(),
    result: returns<Conversation>(),
  }),
  /**
   * Opens a conversation: its settings, the places it branches, and the last `last` messages of
   * the shown branch (default all), with their tool calls and JSON-mode results. `complete` is
   * false when older messages were left out. Errors: NOT_FOUND.
   */
  'conversations.get': method({
    params: z.object({ id, last: z.number().int().min(1).max(1_000_000).optional() }).strict(),
    result: returns<ConversationView & { complete: boolean }>(),
    errors: ['NOT_FOUND'],
  }),
  /** Renames a conversation. Errors: NOT_FOUND. */
  'conversations.rename': method({
    params: z.object({ id, title }).strict(),
    result: returns<Conversation>(),
    errors: ['NOT_FOUND'],
  }),
  /** Changes the system prompt and/or sampling overrides. Errors: NOT_FOUND. */
  'conversations.update': method({
    params: z
      .object({
        id,
        systemPrompt: z.string().max(200_000).optional(),
        sampling: samplingOverridesSchema.optional(),
      })
      .strict(),
    result: returns<Conversation>(),
    errors: ['NOT_FOUND'],
  }),
  /** Deletes a conversation and all its messages; stops its generation if one runs. Errors: NOT_FOUND. */
  'conversations.delete': method({ params: byId, result: ok, errors: ['NOT_FOUND'] }),
  /** Pins or unpins a conversation (does not count as activity). Errors: NOT_FOUND. */
  'conversations.pin': method({
    params: z.object({ id, pinned: z.boolean() }).strict(),
    result: ok,
    errors: ['NOT_FOUND'],
  }),
  /** Copies a conversation with every branch, its stats and settings. Errors: NOT_FOUND. */
  'conversations.duplicate': method({
    params: z.object({ id, title: title.optional() }).strict(),
    result: returns<Conversation>(),
    errors: ['NOT_FOUND'],
  }),
  /** A new conversation holding the branch from the root down to `messageId`. Errors: NOT_FOUND. */
  'conversations.fork': method({
    params: z.object({ messageId: id, title: title.optional() }).strict(),
    result: returns<Conversation>(),
    errors: ['NOT_FOUND'],
  }),
  /** The places where a conversation branches (for ‹ n/m › controls). Errors: NOT_FOUND. */
  'conversations.branches': method({
    params: byId,
    result: returns<{ branches: BranchGroup[] }>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * Full-text search over every message of every branch (SQLite FTS5). Words match by prefix
   * when they end in `*`; `"quoted phrases"` match exactly. At most 500 hits per page.
   */
  'conversations.search': method({
    params: z
      .object({
        query: z.string().max(1000),
        limit: z.number().int().min(0).max(500).optional(),
        offset: z.number().int().min(0).max(10_000).optional(),
        order: z.enum(['relevance', 'recent']).optional(),
      })
      .strict(),
    result: returns<{ hits: SearchHit[] }>(),
  }),
  /**
   * Export as Markdown (the branch on screen) or full-fidelity JSON (every branch, stats,
   * settings): one conversation by `id`, or every conversation with `all: true`. Errors:
   * NOT_FOUND.
   */
  'conversations.export': method({
    params: z
      .object({
        id: id.optional(),
        all: z.boolean().optional(),
        format: z.enum(['md', 'json']).optional(),
      })
      .strict()
      .refine((p) => (p.id !== undefined) !== (p.all === true), {
        message: 'Give either a conversation id or all: true',
      }),
    result: returns<ConversationExport>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * Imports our JSON (one conversation or a bundle) or an OpenAI-style `messages` array, all in
   * one transaction: on any error nothing is saved. Returns the new ids. Errors: INVALID_INPUT.
   */
  'conversations.import': method({
    params: z.object({ text: z.string().max(MAX_IMPORT_TEXT_CHARS) }).strict(),
    result: returns<{ conversationIds: string[] }>(),
    errors: ['INVALID_INPUT'],
  }),
  /**
   * Makes a message part of the shown branch: when it is not on the active branch, the branch
   * below it with the newest replies becomes active. Used by ‹ n/m › and by search hits.
   * Errors: NOT_FOUND.
   */
  'messages.reveal': method({ params: byMessage, result: view, errors: ['NOT_FOUND'] }),
  /**
   * Deletes a message with every reply below it. When the shown branch went through it, the
   * nearest remaining sibling branch (or the parent) is shown. Errors: NOT_FOUND, BUSY while a
   * reply streams there.
   */
  'messages.delete': method({ params: byMessage, result: view, errors: ['NOT_FOUND', 'BUSY'] }),
};
export type ConversationMethods = MethodsOf<typeof conversationMethods>;

export type ConversationEvents = {
  /** A conversation was created, renamed, updated or deleted elsewhere. */
  'conversations.changed': { id: string; deleted?: boolean };
};
