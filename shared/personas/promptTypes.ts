import type { CharacterBookV2 } from '../cards';
import type { ChatRole, ChatTurn } from '../contract/types';
import type { CharacterInput } from './cardData';
import type { ActivateLorebookResult, LoreActivationReason, LorePosition } from './lorebookTypes';
import type { RandomSource } from './random';

/** A system-prompt preset (LM Studio style). */
export interface PromptPreset {
  name?: string;
  systemPrompt: string;
  /** Sent after the history, as the last system turn. */
  postHistoryInstructions?: string;
}

/** The user's persona. */
export interface PromptPersona {
  name: string;
  description?: string;
}

export interface PromptHistoryMessage {
  id: string;
  role: ChatRole;
  content: string;
  /** The speaker's name for lorebook scanning; defaults to the persona or character name. */
  name?: string;
}

/** Lorebook scan settings; unset ones fall back to the character book's own, then defaults. */
export interface PromptLorebookSettings {
  scanDepth?: number;
  tokenBudget?: number;
  recursive?: boolean;
  maxRecursionDepth?: number;
  caseSensitive?: boolean;
  matchWholeWords?: boolean;
  includeNames?: boolean;
}

export interface AssemblePromptInput {
  preset?: PromptPreset;
  character?: CharacterInput;
  persona?: PromptPersona;
  /** The conversation so far, oldest first (the greeting included). */
  history: readonly PromptHistoryMessage[];
  /** Standalone world-info books, scanned together with the character's own book. */
  lorebooks?: readonly CharacterBookV2[];
  lorebook?: PromptLorebookSettings;
  /** The card's `system_prompt`, `post_history_instructions` replace the preset's. Default true. */
  useCharacterOverrides?: boolean;
  /** Expand macros in history messages too. Default true (SillyTavern expands what users send). */
  expandHistoryMacros?: boolean;
  /** The model's context window, in tokens. */
  contextSize: number;
  /** Tokens kept free for the reply. */
  reserveForReply: number;
  /** The model's tokenizer (text may contain ChatML special tokens). */
  countTokens: (text: string) => number;
  now: Date;
  locale?: string;
  timeZone?: string;
  random?: RandomSource;
  /** Default `<|begin_of_text|>`. */
  bosToken?: string;
  /** Default `<|im_start|>assistant\n`. */
  generationPrompt?: string;
}

export type PromptSectionKind =
  | 'systemPrompt'
  | 'lorebook'
  | 'description'
  | 'personality'
  | 'scenario'
  | 'persona'
  | 'exampleDialogue'
  | 'history'
  | 'postHistoryInstructions'
  | 'generationPrompt';

/** One piece of the prompt, in prompt order, as the prompt inspector shows it. */
export interface PromptSection {
  /** Stable within one prompt: 'systemPrompt', 'lore:3', 'example:0', 'history:<id>' … */
  key: string;
  kind: PromptSectionKind;
  label: string;
  /** The macro-expanded text. */
  text: string;
  /** countTokens(text): the piece alone, without ChatML framing. */
  tokens: number;
  included: boolean;
  /** Why it was left out. */
  reason?: string;
  /** The role of the turn that carries it. */
  role: ChatRole;
  /** History sections: the message id. */
  messageId?: string;
  /** Lorebook sections: the entry, where it goes and why it was activated. */
  lore?: { index: number; position: LorePosition; depth: number; activation: LoreActivationReason };
}

export interface AssembledPrompt {
  /** The turns to render with renderHermesPrompt (which adds the generation prompt). */
  messages: ChatTurn[];
  sections: PromptSection[];
  truncated: { droppedMessageIds: string[] };
  /** Whole rendered prompt (BOS, turns, generation prompt) against the budget. */
  tokens: { total: number; budget: number; fits: boolean };
  lorebook: ActivateLorebookResult;
  warnings: string[];
}
