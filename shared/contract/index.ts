/**
 * The Talaria contract: every method a client can call and every event the backend pushes.
 *
 * Read it top to bottom: each domain file declares its methods once — a zod schema of the
 * params (checked by the server before any handler runs), the result, and the error codes the
 * method answers with besides INVALID_INPUT / INTERNAL / TRANSPORT_CLOSED — with a doc comment
 * on each. The TypeScript types below are inferred from those declarations, so the types and
 * the run-time checks cannot disagree.
 *
 * Every method takes one object and resolves to one object; errors are `TalariaError`s with a
 * stable `ErrorCode` (./errors) and per-code `details`. Every list method is paged
 * (`limit` ≤ MAX_PAGE_LIMIT, `offset`, and a `total` in the result).
 */
import type { MethodsOf } from '../rpc/types';
import { appMethods } from './app';
import { chatMethods, type ChatEvents } from './chat';
import { conversationMethods, type ConversationEvents } from './conversations';
import { engineMethods, type EngineEvents } from './engine';
import { libraryMethods, type LibraryEvents } from './library';
import { personaMethods, type PersonaEvents } from './personas';
import { toolMethods, type ToolEvents } from './tools';

/** Every method, by domain. */
export const contract = {
  /** app.info, settings.get/set, system.browse/openModelDialog */
  ...appMethods,
  /** conversations.* (list, get, create, rename, update, delete, pin, …) and messages.* */
  ...conversationMethods,
  /** chat.send/regenerate/edit/continue/stop/attach/active: replies as streams */
  ...chatMethods,
  /** engine.status/load/unload */
  ...engineMethods,
  /** library.*, hub.*, downloads.*: finding, downloading and managing GGUF models */
  ...libraryMethods,
  /** tools.*, conversations.setTools, chat.setJsonMode/resolveToolCall/toolCalls/promptFor */
  ...toolMethods,
  /** presets.*, characters.*, personas.*, lorebooks.*, roleplay.*, chat.impersonate */
  ...personaMethods,
};

/** Params and result type of every method, inferred from `contract`. */
export type TalariaMethods = MethodsOf<typeof contract>;

/** Events pushed by the backend. */
export type TalariaEvents = ChatEvents &
  ConversationEvents &
  EngineEvents &
  LibraryEvents &
  ToolEvents &
  PersonaEvents;

export type MethodName = keyof TalariaMethods;
export type EventName = keyof TalariaEvents;

export * from './errors';
export * from './define';
export * from './sampling';
export * from './types';
export * from './app';
export * from './conversations';
export * from './chat';
export * from './engine';
export * from './library';
export * from './tools';
export * from './personas';
export * from './cardSchemas';
export * from './client';
