/**
 * SillyTavern character card shapes (Character Card V1, V2 and V3). Every object keeps an index
 * signature because the specs require unknown fields to survive import and export.
 *
 * V2: https://github.com/malfoyslastname/character-card-spec-v2/blob/main/spec_v2.md
 * V3: https://github.com/kwaroran/character-card-spec-v3/blob/main/SPEC_V3.md
 */

export type JsonObject = Record<string, unknown>;

/** V1 ("TavernAI") card: a flat object. */
export interface CharacterCardV1 {
  name: string;
  description: string;
  personality: string;
  scenario: string;
  first_mes: string;
  mes_example: string;
  [key: string]: unknown;
}

/** A V2 lorebook entry. */
export interface CharacterBookEntryV2 {
  keys: string[];
  content: string;
  extensions: JsonObject;
  enabled: boolean;
  insertion_order: number;
  case_sensitive?: boolean;
  constant?: boolean;
  name?: string;
  priority?: number;
  id?: number | string;
  comment?: string;
  selective?: boolean;
  secondary_keys?: string[];
  position?: 'before_char' | 'after_char' | (string & {});
  [key: string]: unknown;
}

/** A V3 lorebook entry: V3 adds `use_regex` and makes `constant` part of the core. */
export interface CharacterBookEntry extends CharacterBookEntryV2 {
  use_regex: boolean;
}

export interface CharacterBookV2 {
  name?: string;
  description?: string;
  scan_depth?: number;
  token_budget?: number;
  recursive_scanning?: boolean;
  extensions: JsonObject;
  entries: CharacterBookEntryV2[];
  [key: string]: unknown;
}

export interface CharacterBook extends CharacterBookV2 {
  entries: CharacterBookEntry[];
}

export interface CharacterAsset {
  type: string;
  uri: string;
  name: string;
  ext: string;
  [key: string]: unknown;
}

/** The `data` object shared by V2 and V3. */
export interface CharacterCardV2Data {
  name: string;
  description: string;
  personality: string;
  scenario: string;
  first_mes: string;
  mes_example: string;
  creator_notes: string;
  system_prompt: string;
  post_history_instructions: string;
  alternate_greetings: string[];
  character_book?: CharacterBookV2;
  tags: string[];
  creator: string;
  character_version: string;
  extensions: JsonObject;
  [key: string]: unknown;
}

export interface CharacterCardV3Data extends CharacterCardV2Data {
  character_book?: CharacterBook;
  group_only_greetings: string[];
  assets?: CharacterAsset[];
  nickname?: string;
  creator_notes_multilingual?: Record<string, string>;
  source?: string[];
  /** Unix time in seconds. */
  creation_date?: number;
  /** Unix time in seconds. */
  modification_date?: number;
}

/**
 * A V2 card. As written by SillyTavern (and by `toV2`), the six V1 fields are mirrored at the
 * top level so V1-only readers still see the character.
 */
export interface CharacterCardV2 {
  spec: 'chara_card_v2';
  spec_version: '2.0';
  data: CharacterCardV2Data;
  [key: string]: unknown;
}

/** The normalized form every reader returns. Unknown top-level fields are kept. */
export interface CharacterCardV3 {
  spec: 'chara_card_v3';
  spec_version: '3.0';
  data: CharacterCardV3Data;
  [key: string]: unknown;
}

export type CharacterCardVersion = 'v1' | 'v2' | 'v3';

export interface ReadCharacterCardResult {
  card: CharacterCardV3;
  /** Human-readable notes about fields that were coerced, dropped or ignored. */
  warnings: string[];
  /** Where the card came from. */
  format: 'png' | 'json';
  /** The spec version of the JSON that was read (for PNG: of the chunk that was used). */
  version: CharacterCardVersion;
}

export interface ReadCharacterCardOptions {
  /** Inputs larger than this are rejected. Defaults to MAX_CARD_BYTES (50 MiB). */
  maxBytes?: number;
}
