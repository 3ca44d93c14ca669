import type {
  ChatRole,
  Conversation,
  GenerationStats,
  Message,
  MessageStatus,
  SamplingParams,
  StopReason,
} from '../contract/types';

export const CONVERSATION_FORMAT = 'talaria.conversation';
export const BUNDLE_FORMAT = 'talaria.conversations';
export const EXPORT_VERSION = 1;

export const CHAT_ROLES = ['system', 'user', 'assistant', 'tool'] as const satisfies ChatRole[];
export const MESSAGE_STATUSES = [
  'complete',
  'streaming',
  'aborted',
  'error',
  'interrupted',
] as const satisfies MessageStatus[];
export const STOP_REASONS = [
  'eos',
  'maxTokens',
  'abort',
  'error',
  'shutdown',
] as const satisfies StopReason[];

/** One message in an export file. `parentId` links branches; null starts a root. */
export interface ExportedMessage {
  id: string;
  parentId: string | null;
  role: ChatRole;
  content: string;
  status: MessageStatus;
  error: string | null;
  model: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedStats extends GenerationStats {
  messageId: string;
}

/** Full-fidelity export of one conversation: every branch, stats and its settings. */
export interface ConversationExport {
  format: typeof CONVERSATION_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: number;
  conversation: {
    id: string;
    title: string;
    systemPrompt: string;
    sampling: Partial<SamplingParams>;
    createdAt: number;
    updatedAt: number;
    activeLeafId: string | null;
    pinned: boolean;
  };
  /** Parents always come before their replies. */
  messages: ExportedMessage[];
  stats: ExportedStats[];
}

/** Several conversations in one file (`export --all`). */
export interface ConversationBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: number;
  conversations: ConversationExport[];
}

/** What an export is built from: the stored conversation and all its messages. */
export interface ExportSource {
  conversation: Conversation;
  pinned: boolean;
  /** Every message of the conversation, all branches, stats included. */
  messages: Message[];
}

/** A message of an imported conversation, with the ids of the file (remapped on insert). */
export type TreeMessage = Pick<
  Message,
  | 'id'
  | 'parentId'
  | 'role'
  | 'content'
  | 'status'
  | 'error'
  | 'model'
  | 'createdAt'
  | 'updatedAt'
  | 'stats'
>;

/** A validated conversation ready to insert: messages ordered parents first. */
export interface ConversationTree {
  title: string;
  systemPrompt: string;
  sampling: Partial<SamplingParams>;
  createdAt: number;
  updatedAt: number;
  pinned: boolean;
  /** A message id of `messages`, or null only when there are no messages. */
  activeLeafId: string | null;
  messages: TreeMessage[];
}

export interface ImportLimits {
  /** Whole file, UTF-8 bytes. */
  maxBytes: number;
  maxConversations: number;
  maxMessagesPerConversation: number;
  /** Characters of one message's content. */
  maxContentChars: number;
  maxTitleChars: number;
  maxSystemPromptChars: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxConversations: 50_000,
  maxMessagesPerConversation: 100_000,
  maxContentChars: 5_000_000,
  // The same bounds as conversations.rename / conversations.update accept.
  maxTitleChars: 500,
  maxSystemPromptChars: 200_000,
};
