/**
 * Presets, characters, user personas and lorebooks (issue 6), and how a conversation uses them.
 * Binary data (card files, avatars) travels as base64 text or `data:` URLs: the wire is JSON.
 */

import type { CharacterBook, CharacterCardV3 } from '../cards';
import type { PromptSection } from '../personas/promptTypes';
import type { Conversation, Message } from './types';

/** A system-prompt preset. Built-ins come from the model cards and cannot be edited or deleted. */
export interface Preset {
  id: string;
  name: string;
  description: string;
  /** May use {{date}}, {{time}}, {{user}}, {{char}} and the other macros. */
  systemPrompt: string;
  /** Sent after the history, as the last system turn; '' for none. */
  postHistoryInstructions: string;
  builtin: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface PresetInput {
  name: string;
  description?: string;
  systemPrompt: string;
  postHistoryInstructions?: string;
}

/** The file format of `presets.export` / `presets.import` (one preset or a list). */
export interface PresetFile {
  talariaPresets: 1;
  presets: PresetInput[];
}

/** A character as the gallery lists it. */
export interface CharacterSummary {
  id: string;
  name: string;
  /** `data:` URL of the avatar (resized to at most 512 px), or null. */
  avatar: string | null;
  tags: string[];
  creator: string;
  /** First characters of the creator notes or description, plain text. */
  blurb: string;
  /** first_mes plus the alternate greetings that are not blank. */
  greetingCount: number;
  /** Entries in the card's own character_book. */
  loreEntryCount: number;
  createdAt: number;
  updatedAt: number;
}

/** A whole character: the card normalized to V3 (unknown fields and extensions kept). */
export interface Character {
  id: string;
  card: CharacterCardV3;
  avatar: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface UserPersona {
  id: string;
  name: string;
  description: string;
  avatar: string | null;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface UserPersonaInput {
  name: string;
  description?: string;
  avatar?: string | null;
}

/** A standalone world-info book. */
export interface Lorebook {
  id: string;
  name: string;
  book: CharacterBook;
  createdAt: number;
  updatedAt: number;
}

export interface LorebookSummary {
  id: string;
  name: string;
  description: string;
  entryCount: number;
  updatedAt: number;
}

/** What a conversation is set up with. Null: none (the default persona applies when null). */
export interface ConversationRoleplay {
  conversationId: string;
  presetId: string | null;
  characterId: string | null;
  personaId: string | null;
  /** Standalone lorebooks scanned besides the character's own book. */
  lorebookIds: string[];
}

/** Who speaks in a conversation, for names and avatars in the message list. */
export interface ConversationCast {
  roleplay: ConversationRoleplay;
  character: { id: string; name: string; avatar: string | null } | null;
  /** The persona in use (the conversation's, else the default), or null for "User". */
  persona: { id: string; name: string; avatar: string | null } | null;
}

/** The assembly behind one assistant message, for the prompt inspector. */
export interface PromptAssemblyRecord {
  sections: PromptSection[];
  tokens: { total: number; budget: number; fits: boolean };
  droppedMessageIds: string[];
  warnings: string[];
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** base64 */
  data: string;
}

export type PersonaMethods = {
  'presets.list': { params: Record<string, never>; result: { presets: Preset[] } };
  /** Creates (no id) or updates a user preset. INVALID_INPUT for built-ins or a blank name. */
  'presets.save': { params: { id?: string; preset: PresetInput }; result: Preset };
  /** A copy named "… (copy)"; works for built-ins too. */
  'presets.duplicate': { params: { id: string }; result: Preset };
  'presets.delete': { params: { id: string }; result: { ok: true } };
  /** Reads a PresetFile (or one PresetInput) as JSON text; INVALID_INPUT with what is wrong. */
  'presets.import': { params: { text: string }; result: { presets: Preset[] } };
  'presets.export': { params: { ids: string[] }; result: ExportedFile };
  /**
   * The default preset of a library model (by model id), else of all new chats. `inherited`:
   * the model has none of its own and `presetId` is the default of all chats.
   */
  'presets.getDefault': {
    params: { modelId?: string };
    result: { presetId: string | null; inherited: boolean };
  };
  'presets.setDefault': {
    params: { modelId?: string; presetId: string | null };
    result: { presetId: string | null; inherited: boolean };
  };

  'characters.list': {
    params: { query?: string; tag?: string };
    result: { characters: CharacterSummary[]; tags: { tag: string; count: number }[] };
  };
  'characters.get': { params: { id: string }; result: Character };
  /**
   * Imports a card file (PNG or JSON, V1/V2/V3). `avatar` is the resized avatar the client made
   * from the PNG; without it a PNG is stored as it is when small enough. INVALID_INPUT with a
   * clear message for malformed files; nothing is stored then.
   */
  'characters.import': {
    params: { fileName: string; data: string; avatar?: string | null };
    result: { character: Character; warnings: string[] };
  };
  /** Creates (no id) or updates a character from V3 card data. */
  'characters.save': {
    params: { id?: string; card: CharacterCardV3; avatar?: string | null };
    result: Character;
  };
  'characters.delete': { params: { id: string }; result: { ok: true } };
  /** PNG (avatar carrying `chara` + `ccv3` chunks; a plain image when there is no avatar) or JSON. */
  'characters.export': {
    params: { id: string; format: 'png' | 'json' | 'charx' };
    result: ExportedFile;
  };
  /**
   * A new conversation with the character: titled with its name, its greetings as swipeable
   * first messages (siblings, the first one active), and the given or default persona and preset.
   */
  'characters.startChat': {
    params: { characterId: string; personaId?: string | null; presetId?: string | null };
    result: { conversation: Conversation; messages: Message[] };
  };

  'personas.list': { params: Record<string, never>; result: { personas: UserPersona[] } };
  'personas.save': { params: { id?: string; persona: UserPersonaInput }; result: UserPersona };
  'personas.delete': { params: { id: string }; result: { ok: true } };
  /** Makes a persona the default (null: none, the user is "User"). */
  'personas.setDefault': { params: { id: string | null }; result: { personas: UserPersona[] } };

  'lorebooks.list': { params: Record<string, never>; result: { lorebooks: LorebookSummary[] } };
  'lorebooks.get': { params: { id: string }; result: Lorebook };
  'lorebooks.save': {
    params: { id?: string; name: string; book: CharacterBook };
    result: Lorebook;
  };
  'lorebooks.delete': { params: { id: string }; result: { ok: true } };
  /** A SillyTavern world-info JSON or a character_book JSON. */
  'lorebooks.import': {
    params: { fileName: string; text: string };
    result: { lorebook: Lorebook; warnings: string[] };
  };
  /** SillyTavern world-info JSON. */
  'lorebooks.export': { params: { id: string }; result: ExportedFile };

  'roleplay.get': { params: { conversationId: string }; result: ConversationCast };
  /**
   * Changes what a conversation uses. Choosing a preset also copies its system prompt into the
   * conversation's (which the user may then edit there).
   */
  'roleplay.set': {
    params: {
      conversationId: string;
      presetId?: string | null;
      characterId?: string | null;
      personaId?: string | null;
      lorebookIds?: string[];
    };
    result: ConversationCast;
  };
  /** The assembly of the prompt behind an assistant message; null for non-roleplay replies. */
  'roleplay.assemblyFor': {
    params: { messageId: string };
    result: { assembly: PromptAssemblyRecord | null };
  };
  /**
   * Drafts the user's next line in the persona's voice (nothing is saved). Partial text arrives
   * as `chat.impersonation` events. Errors: NO_MODEL_LOADED, BUSY.
   */
  'chat.impersonate': { params: { conversationId: string }; result: { text: string } };
  'chat.stopImpersonation': { params: { conversationId: string }; result: { stopped: boolean } };
};

export type PersonaEvents = {
  /** The draft so far of `chat.impersonate` (whole text, not a delta). */
  'chat.impersonation': { conversationId: string; text: string; done: boolean };
  /** Presets, characters, personas or lorebooks changed. */
  'personas.changed': { kind: 'preset' | 'character' | 'persona' | 'lorebook'; id: string | null };
};
