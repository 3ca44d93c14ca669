/** Chat streaming: sending, regenerating, editing and continuing replies, and their events. */
import { z } from 'zod';
import type { MethodsOf } from '../rpc/types';
import { id, method, returns } from './define';
import type { RpcErrorShape } from './errors';
import type { Message } from './types';

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

const content = z.string().trim().min(1).max(1_000_000);
const byConversation = z.object({ conversationId: id }).strict();
const stream = returns<StreamStart>();
const startErrors = ['NOT_FOUND', 'NO_MODEL_LOADED', 'BUSY'] as const;

export const chatMethods = {
  /**
   * Commits the user message, then starts generating the reply. Returns at once; text arrives
   * as `chat.delta` events and ends with `chat.done` (or `chat.error`).
   * Errors: NOT_FOUND, NO_MODEL_LOADED, BUSY (a reply is already streaming in it).
   */
  'chat.send': method({
    params: z.object({ conversationId: id, content }).strict(),
    result: stream,
    errors: startErrors,
  }),
  /**
   * Writes a new reply to the last user message (the old one stays as a sibling branch).
   * Errors: NOT_FOUND, NO_MODEL_LOADED, BUSY.
   */
  'chat.regenerate': method({ params: byConversation, result: stream, errors: startErrors }),
  /**
   * Edit and resend: writes `content` as a new user message beside `messageId` (a sibling
   * branch; the original stays), then streams the reply like `chat.send`.
   * Errors: NOT_FOUND, NO_MODEL_LOADED, BUSY.
   */
  'chat.edit': method({
    params: z.object({ messageId: id, content }).strict(),
    result: stream,
    errors: startErrors,
  }),
  /**
   * Continues the trailing assistant reply of the shown branch in place (a reply that was
   * stopped or hit max tokens). The stream's text starts with what the reply already had.
   * Errors: NOT_FOUND, NO_MODEL_LOADED, BUSY, INVALID_INPUT (no reply to continue).
   */
  'chat.continue': method({
    params: byConversation,
    result: stream,
    errors: [...startErrors, 'INVALID_INPUT'],
  }),
  /** Stops a stream; the partial text is kept with status 'aborted'. */
  'chat.stop': method({
    params: z.object({ streamId: id }).strict(),
    result: z.object({ stopped: z.boolean() }),
  }),
  /** The text so far of a running stream, for a client that saw a gap in `seq`. Errors: NOT_FOUND. */
  'chat.attach': method({
    params: z.object({ streamId: id }).strict(),
    result: returns<StreamSnapshot>(),
    errors: ['NOT_FOUND'],
  }),
  /** Streams currently running (one per conversation at most), so a reloaded page can re-attach. */
  'chat.active': method({
    params: z.object({}).strict(),
    result: returns<{
      streams: { streamId: string; conversationId: string; messageId: string }[];
    }>(),
  }),
};
export type ChatMethods = MethodsOf<typeof chatMethods>;

export type ChatEvents = {
  'chat.delta': ChatDeltaEvent;
  'chat.done': ChatDoneEvent;
  'chat.error': ChatErrorEvent;
};
