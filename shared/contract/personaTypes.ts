/**
 * The data of presets, characters, user personas and lorebooks, and of how a conversation uses
 * them. Binary data (card files, avatars) travels as base64 text or `data:` URLs: the wire is JSON.
 */
import { z } from 'zod';
import type { CharacterBook, CharacterCardV3 } from '../cards';
import type { PromptSection } from '../personas/promptTypes';

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

const name = z.string().trim().min(1).max(200);
const longText = z.string().max(200_000);

/** A `data:image/…;base64,` URL; the backend checks the bytes. */
export const avatarSchema = z
  .string()
  .max(8 * 1024 * 1024)
  .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, 'expected an image data URL')
  .nullable();

export const presetInputSchema = z
  .object({
    name,
    description: z.string().max(2000).optional(),
    systemPrompt: longText,
    postHistoryInstructions: longText.optional(),
  })
  .strict();
export type PresetInput = z.infer<typeof presetInputSchema>;

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

export const userPersonaInputSchema = z
  .object({ name, description: longText.optional(), avatar: avatarSchema.optional() })
  .strict();
export type UserPersonaInput = z.infer<typeof userPersonaInputSchema>;

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
