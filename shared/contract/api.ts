import type { ChatExtrasMethods } from './chatExtras';
import type { RpcErrorShape } from './errors';
import type { LibraryEvents, LibraryMethods } from './library';
import type { PersonaEvents, PersonaMethods } from './personas';
import type { ToolEvents, ToolMethods } from './tools';
import type {
  Conversation,
  ConversationSummary,
  EngineStatus,
  Message,
  SamplingParams,
} from './types';

/** Facts about the running app. */
export interface AppInfo {
  version: string;
  /** 'electron' for the desktop app, 'host' for `talaria serve`. */
  shell: 'electron' | 'host';
  dataDir: string;
  platform: string;
  /** True when the shell offers native open-file dialogs (`system.openModelDialog`). */
  nativeDialogs: boolean;
  /** Recently loaded model files, most recent first. */
  recentModels: string[];
  /** Where the file browser starts. */
  homeDir: string;
}

export interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'gguf';
  sizeBytes: number | null;
}

export interface BrowseResult {
  path: string;
  parent: string | null;
  entries: DirEntry[];
}

export interface ConversationWithMessages {
  conversation: Conversation;
  /** The active branch from the root to the leaf. */
  messages: Message[];
}

export interface StreamStart {
  streamId: string;
  conversationId: string;
  /** The user message committed before generation started (absent for regenerate). */
  userMessage: Message | null;
  /** The assistant message being written; status 'streaming'. */
  assistantMessage: Message;
}

export interface StreamSnapshot {
  streamId: string;
  messageId: string;
  /** Text generated so far and the seq of the last delta it includes. */
  text: string;
  seq: number;
  done: boolean;
}

/** The core of the API: app, settings, conversations, chat streaming, engine and files. */
export type CoreMethods = {
  /** App version, shell, data dir and what the shell can do. */
  'app.info': { params: Record<string, never>; result: AppInfo };
  /** Reads one setting (JSON value) or the fallback. */
  'settings.get': { params: { key: string }; result: { value: unknown } };
  'settings.set': { params: { key: string; value: unknown }; result: { ok: true } };

  /** All conversations, most recently updated first. */
  'conversations.list': {
    params: Record<string, never>;
    result: { conversations: ConversationSummary[] };
  };
  'conversations.create': {
    params: { title?: string; systemPrompt?: string };
    result: Conversation;
  };
  /** One conversation with the messages of its active branch. NOT_FOUND if absent. */
  'conversations.get': { params: { id: string }; result: ConversationWithMessages };
  'conversations.rename': { params: { id: string; title: string }; result: Conversation };
  'conversations.update': {
    params: { id: string; systemPrompt?: string; sampling?: Partial<SamplingParams> };
    result: Conversation;
  };
  /** Deletes a conversation and all its messages; stops its generation if one runs. */
  'conversations.delete': { params: { id: string }; result: { ok: true } };

  /**
   * Commits the user message, then starts generating the reply. Returns at once; text arrives
   * as `chat.delta` events and ends with `chat.done` (or `chat.error`).
   * Errors: NOT_FOUND, NO_MODEL_LOADED, BUSY (a reply is already streaming in it).
   */
  'chat.send': { params: { conversationId: string; content: string }; result: StreamStart };
  /** Writes a new reply to the last user message (the old one stays as a sibling branch). */
  'chat.regenerate': { params: { conversationId: string }; result: StreamStart };
  /** Stops a stream; the partial text is kept with status 'aborted'. */
  'chat.stop': { params: { streamId: string }; result: { stopped: boolean } };
  /** The text so far of a running stream, for a client that saw a gap in `seq`. */
  'chat.attach': { params: { streamId: string }; result: StreamSnapshot };
  /** Streams currently running, so a reloaded page can re-attach. */
  'chat.active': {
    params: Record<string, never>;
    result: { streams: { streamId: string; conversationId: string; messageId: string }[] };
  };

  'engine.status': { params: Record<string, never>; result: EngineStatus };
  /** Loads a GGUF file. Errors: MODEL_NOT_FOUND, LOAD_FAILED, INSUFFICIENT_MEMORY, ENGINE_CRASHED. */
  'engine.load': {
    params: { path: string; contextSize?: number; gpuLayers?: number | 'auto' };
    result: EngineStatus;
  };
  'engine.unload': { params: Record<string, never>; result: EngineStatus };

  /** Lists a folder's sub-folders and GGUF files (the in-app model file picker). */
  'system.browse': { params: { path?: string }; result: BrowseResult };
  /** Opens the native open-file dialog (desktop only; UNSUPPORTED in the headless host). */
  'system.openModelDialog': { params: Record<string, never>; result: { path: string | null } };
};

export interface ChatDeltaEvent {
  streamId: string;
  conversationId: string;
  messageId: string;
  /** 1-based, consecutive per stream; a gap means a lost delta (call `chat.attach`). */
  seq: number;
  text: string;
  /** Completion tokens generated so far (for live tokens/s). */
  tokens: number;
}

export interface ChatDoneEvent {
  streamId: string;
  conversationId: string;
  /** The authoritative final message, stats included. */
  message: Message;
  seq: number;
}

export interface ChatErrorEvent {
  streamId: string;
  conversationId: string;
  error: RpcErrorShape;
  /** The message as stored, with any partial text kept. */
  message: Message;
  seq: number;
}

/** Events of the core API. */
export type CoreEvents = {
  'chat.delta': ChatDeltaEvent;
  'chat.done': ChatDoneEvent;
  'chat.error': ChatErrorEvent;
  'engine.status': EngineStatus;
  /** A conversation was created, renamed, updated or deleted elsewhere. */
  'conversations.changed': { id: string; deleted?: boolean };
};

/**
 * The Talaria API: the core plus one method map per feature (each in its own file here).
 * Every method takes one object and returns a Promise of its result; each is validated at run
 * time by `apiSchemas`. Errors carry an `ErrorCode`.
 */
export type TalariaMethods = CoreMethods &
  ToolMethods &
  LibraryMethods &
  ChatExtrasMethods &
  PersonaMethods;

/** Events pushed by the backend to every client. */
export type TalariaEvents = CoreEvents & ToolEvents & LibraryEvents & PersonaEvents;

export type MethodName = keyof TalariaMethods;
export type EventName = keyof TalariaEvents;
