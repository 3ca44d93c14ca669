/**
 * Presets, characters, user personas, lorebooks, and how a conversation uses them (roleplay).
 */
import { z } from 'zod';
import type { MethodsOf } from '../rpc/types';
import { characterBookSchema, characterCardV3Schema } from './cardSchemas';
import { id, method, ok, pageParams, returns } from './define';
import {
  avatarSchema,
  presetInputSchema,
  userPersonaInputSchema,
  type Character,
  type CharacterSummary,
  type ConversationCast,
  type ExportedFile,
  type Lorebook,
  type LorebookSummary,
  type Preset,
  type PromptAssemblyRecord,
  type UserPersona,
} from './personaTypes';
import type { Conversation, Message } from './types';

export * from './personaTypes';

const nullableId = id.nullable();
const name = z.string().trim().min(1).max(200);
const modelId = z.string().min(1).max(2048);
const fileName = z.string().min(1).max(500);
const defaultPreset = returns<{ presetId: string | null; inherited: boolean }>();

export const personaMethods = {
  /** One page of the presets, built-ins first; `total` counts them all. */
  'presets.list': method({
    params: z.object(pageParams).strict(),
    result: returns<{ presets: Preset[]; total: number }>(),
  }),
  /**
   * Creates (no id) or updates a user preset. Errors: INVALID_INPUT for built-ins or a blank
   * name, NOT_FOUND.
   */
  'presets.save': method({
    params: z.object({ id: id.optional(), preset: presetInputSchema }).strict(),
    result: returns<Preset>(),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  }),
  /** A copy named "… (copy)"; works for built-ins too. Errors: NOT_FOUND. */
  'presets.duplicate': method({
    params: z.object({ id }).strict(),
    result: returns<Preset>(),
    errors: ['NOT_FOUND'],
  }),
  /** Deletes a user preset. Errors: NOT_FOUND, INVALID_INPUT (a built-in). */
  'presets.delete': method({
    params: z.object({ id }).strict(),
    result: ok,
    errors: ['NOT_FOUND', 'INVALID_INPUT'],
  }),
  /** Reads a PresetFile (or one PresetInput) as JSON text. Errors: INVALID_INPUT with what is wrong. */
  'presets.import': method({
    params: z.object({ text: z.string().min(1).max(5_000_000) }).strict(),
    result: returns<{ presets: Preset[] }>(),
    errors: ['INVALID_INPUT'],
  }),
  /** The presets as one PresetFile JSON. Errors: NOT_FOUND. */
  'presets.export': method({
    params: z.object({ ids: z.array(id).min(1).max(1000) }).strict(),
    result: returns<ExportedFile>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * The default preset of a library model (by model id), else of all new chats. `inherited`:
   * the model has none of its own and `presetId` is the default of all chats.
   */
  'presets.getDefault': method({
    params: z.object({ modelId: modelId.optional() }).strict(),
    result: defaultPreset,
  }),
  /** Sets (null: clears) the default preset of a model, or of all chats. Errors: NOT_FOUND. */
  'presets.setDefault': method({
    params: z.object({ modelId: modelId.optional(), presetId: nullableId }).strict(),
    result: defaultPreset,
    errors: ['NOT_FOUND'],
  }),

  /**
   * One page of the character gallery matching `query` (name, tags, creator) and `tag`, with
   * every tag and its count; `total` counts the matches.
   */
  'characters.list': method({
    params: z
      .object({
        query: z.string().max(200).optional(),
        tag: z.string().max(200).optional(),
        ...pageParams,
      })
      .strict(),
    result: returns<{
      characters: CharacterSummary[];
      total: number;
      tags: { tag: string; count: number }[];
    }>(),
  }),
  /** One character with its whole card. Errors: NOT_FOUND. */
  'characters.get': method({
    params: z.object({ id }).strict(),
    result: returns<Character>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * Imports a card file (PNG or JSON, V1/V2/V3). `avatar` is the resized avatar the client made
   * from the PNG; without it a PNG is stored as it is when small enough. Errors: INVALID_INPUT
   * with a clear message for malformed files; nothing is stored then.
   */
  'characters.import': method({
    params: z
      .object({
        fileName,
        // 50 MiB of card file as base64.
        data: z.string().min(1).max(70_000_000),
        avatar: avatarSchema.optional(),
      })
      .strict(),
    result: returns<{ character: Character; warnings: string[] }>(),
    errors: ['INVALID_INPUT'],
  }),
  /** Creates (no id) or updates a character from V3 card data. Errors: INVALID_INPUT, NOT_FOUND. */
  'characters.save': method({
    params: z
      .object({ id: id.optional(), card: characterCardV3Schema, avatar: avatarSchema.optional() })
      .strict(),
    result: returns<Character>(),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  }),
  /** Deletes a character (its chats stay). Errors: NOT_FOUND. */
  'characters.delete': method({
    params: z.object({ id }).strict(),
    result: ok,
    errors: ['NOT_FOUND'],
  }),
  /**
   * PNG (avatar carrying `chara` + `ccv3` chunks; a plain image when there is no avatar), JSON
   * or CHARX (a zip with card.json and the main icon). Errors: NOT_FOUND.
   */
  'characters.export': method({
    params: z.object({ id, format: z.enum(['png', 'json', 'charx']) }).strict(),
    result: returns<ExportedFile>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * A new conversation with the character: titled with its name, its greetings as swipeable
   * first messages (siblings, the first one active), and the given or default persona and
   * preset. Errors: NOT_FOUND.
   */
  'characters.startChat': method({
    params: z
      .object({
        characterId: id,
        personaId: nullableId.optional(),
        presetId: nullableId.optional(),
      })
      .strict(),
    result: returns<{ conversation: Conversation; messages: Message[] }>(),
    errors: ['NOT_FOUND'],
  }),

  /** One page of the user personas; `total` counts them all. */
  'personas.list': method({
    params: z.object(pageParams).strict(),
    result: returns<{ personas: UserPersona[]; total: number }>(),
  }),
  /** Creates (no id) or updates a user persona. Errors: INVALID_INPUT, NOT_FOUND. */
  'personas.save': method({
    params: z.object({ id: id.optional(), persona: userPersonaInputSchema }).strict(),
    result: returns<UserPersona>(),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  }),
  /** Deletes a user persona. Errors: NOT_FOUND. */
  'personas.delete': method({
    params: z.object({ id }).strict(),
    result: ok,
    errors: ['NOT_FOUND'],
  }),
  /**
   * Makes a persona the default (null: none, the user is "User"); returns the first page of
   * personas. Errors: NOT_FOUND.
   */
  'personas.setDefault': method({
    params: z.object({ id: nullableId }).strict(),
    result: returns<{ personas: UserPersona[] }>(),
    errors: ['NOT_FOUND'],
  }),

  /** One page of the standalone lorebooks; `total` counts them all. */
  'lorebooks.list': method({
    params: z.object(pageParams).strict(),
    result: returns<{ lorebooks: LorebookSummary[]; total: number }>(),
  }),
  /** One lorebook with every entry. Errors: NOT_FOUND. */
  'lorebooks.get': method({
    params: z.object({ id }).strict(),
    result: returns<Lorebook>(),
    errors: ['NOT_FOUND'],
  }),
  /** Creates (no id) or updates a lorebook. Errors: INVALID_INPUT, NOT_FOUND. */
  'lorebooks.save': method({
    params: z.object({ id: id.optional(), name, book: characterBookSchema }).strict(),
    result: returns<Lorebook>(),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  }),
  /** Deletes a lorebook (conversations using it stop scanning it). Errors: NOT_FOUND. */
  'lorebooks.delete': method({
    params: z.object({ id }).strict(),
    result: ok,
    errors: ['NOT_FOUND'],
  }),
  /** Imports a SillyTavern world-info JSON or a character_book JSON. Errors: INVALID_INPUT. */
  'lorebooks.import': method({
    params: z.object({ fileName, text: z.string().min(1).max(20_000_000) }).strict(),
    result: returns<{ lorebook: Lorebook; warnings: string[] }>(),
    errors: ['INVALID_INPUT'],
  }),
  /** A lorebook as SillyTavern world-info JSON. Errors: NOT_FOUND. */
  'lorebooks.export': method({
    params: z.object({ id }).strict(),
    result: returns<ExportedFile>(),
    errors: ['NOT_FOUND'],
  }),

  /** What a conversation is set up with, and who speaks in it. Errors: NOT_FOUND. */
  'roleplay.get': method({
    params: z.object({ conversationId: id }).strict(),
    result: returns<ConversationCast>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * Changes what a conversation uses. Choosing a preset also copies its system prompt into the
   * conversation's (which the user may then edit there). Errors: NOT_FOUND.
   */
  'roleplay.set': method({
    params: z
      .object({
        conversationId: id,
        presetId: nullableId.optional(),
        characterId: nullableId.optional(),
        personaId: nullableId.optional(),
        lorebookIds: z.array(id).max(100).optional(),
      })
      .strict(),
    result: returns<ConversationCast>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * The assembly of the prompt behind an assistant message; null for non-roleplay replies.
   * Errors: NOT_FOUND.
   */
  'roleplay.assemblyFor': method({
    params: z.object({ messageId: id }).strict(),
    result: returns<{ assembly: PromptAssemblyRecord | null }>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * Drafts the user's next line in the persona's voice (nothing is saved). Partial text arrives
   * as `chat.impersonation` events. Errors: NOT_FOUND, NO_MODEL_LOADED, BUSY.
   */
  'chat.impersonate': method({
    params: z.object({ conversationId: id }).strict(),
    result: returns<{ text: string }>(),
    errors: ['NOT_FOUND', 'NO_MODEL_LOADED', 'BUSY'],
  }),
  /** Stops a running impersonation; its text so far stays in the composer. */
  'chat.stopImpersonation': method({
    params: z.object({ conversationId: id }).strict(),
    result: z.object({ stopped: z.boolean() }),
  }),
};
export type PersonaMethods = MethodsOf<typeof personaMethods>;

export type PersonaEvents = {
  /** The draft so far of `chat.impersonate` (whole text, not a delta). */
  'chat.impersonation': { conversationId: string; text: string; done: boolean };
  /** Presets, characters, personas or lorebooks changed. */
  'personas.changed': { kind: 'preset' | 'character' | 'persona' | 'lorebook'; id: string | null };
};
