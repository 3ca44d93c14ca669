import type { CharacterBookEntryV2 } from '../cards';

/**
 * A lorebook entry as stored in a card's `character_book` (V2 or V3 shape) or a standalone
 * world-info book. SillyTavern's own settings live in `extensions` (snake_case, plus
 * `selectiveLogic`, `useProbability`), as its exporter writes them.
 */
export type LorebookEntry = CharacterBookEntryV2;

/** SillyTavern's secondary-key logic (`world_info_logic` 0..3). */
export type SelectiveLogic = 'AND_ANY' | 'NOT_ALL' | 'NOT_ANY' | 'AND_ALL';

/** Where an activated entry goes in the prompt. */
export type LorePosition =
  | 'before_char'
  | 'after_char'
  | 'before_examples'
  | 'after_examples'
  /** Inside the chat history, `depth` messages from its end (SillyTavern's "@D"). */
  | 'at_depth';

/** One message as the scanner sees it: oldest first. */
export interface LoreScanMessage {
  content: string;
  /** Speaker name; prefixed as `Name: content` when `includeNames` (SillyTavern's default). */
  name?: string;
  id?: string;
}

/** Card fields an entry may opt into scanning (SillyTavern's `match_*` extensions). */
export interface LoreScanSources {
  personaDescription?: string;
  characterDescription?: string;
  characterPersonality?: string;
  scenario?: string;
  creatorNotes?: string;
}

/** Where the key that activated an entry was found. */
export type LoreMatchSource =
  | { kind: 'constant' }
  /** `messageIndex` indexes `options.messages`. */
  | { kind: 'message'; messageIndex: number; messageId?: string }
  | { kind: 'field'; field: keyof LoreScanSources }
  /** Recursion: found in the content of another activated entry. */
  | { kind: 'entry'; entryIndex: number; label: string };

export interface LoreActivationReason {
  /** The primary key that matched; null for a constant entry. */
  key: string | null;
  /** Secondary keys that matched (selective entries). */
  secondaryKeys?: string[];
  matchedIn: LoreMatchSource;
}

export interface LoreActivation {
  entry: LorebookEntry;
  /** Index of the entry in the list given to activateLorebook. */
  index: number;
  /** Display name: comment, name or first key. */
  label: string;
  /** The content, macro-expanded. */
  content: string;
  position: LorePosition;
  /** For 'at_depth': messages from the end of the history. */
  depth: number;
  /** For 'at_depth': the role of the injected turn. */
  role: 'system' | 'user' | 'assistant';
  insertionOrder: number;
  /** Budget priority: `priority`, else `insertion_order`. Lower is dropped first. */
  priority: number;
  /** 0 for a direct match, n for the n-th recursion pass. */
  recursionDepth: number;
  reason: LoreActivationReason;
}

/** An entry that matched (`reason` says how) but was left out. */
export interface LoreDrop extends LoreActivation {
  /** Why the matched entry was left out. */
  droppedBecause: 'budget' | 'probability';
  /** Its token count, when the budget was the reason. */
  tokens?: number;
}

export interface ActivateLorebookOptions {
  /** The chat, oldest first. */
  messages: readonly LoreScanMessage[];
  /** How many of the latest messages are scanned. Default 2 (SillyTavern's default). */
  scanDepth?: number;
  /** Default case sensitivity for entries that do not set their own. Default false. */
  caseSensitive?: boolean;
  /** Default whole-word matching for entries that do not set their own. Default false. */
  matchWholeWords?: boolean;
  /** Prefix each scanned message with `Name: `. Default true. */
  includeNames?: boolean;
  /** Let activated entries' content trigger other entries. Default false. */
  recursive?: boolean;
  /** Recursion passes after the first scan. Default 5. */
  maxRecursionDepth?: number;
  /** Token budget for all activated content; needs `countTokens`. Default: no budget. */
  tokenBudget?: number;
  countTokens?: (text: string) => number;
  /** For `probability`. Default Math.random. */
  random?: () => number;
  /** Expands macros in keys and content (keys like `{{char}}` are common). */
  expand?: (text: string) => string;
  scanSources?: LoreScanSources;
}

export interface ActivateLorebookResult {
  /** In insertion order (insertion_order ascending, then list order). */
  activated: LoreActivation[];
  /** Entries that matched but were left out, highest priority first. */
  dropped: LoreDrop[];
  /** Human-readable problems, e.g. an invalid regex key (its entry is skipped). */
  warnings: string[];
}
