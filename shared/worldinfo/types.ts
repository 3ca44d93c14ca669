/**
 * Types of the world-info scan, which follows SillyTavern's `checkWorldInfo` (public/scripts/
 * world-info.js). Entries keep SillyTavern's own world-info field names (`key`, `keysecondary`,
 * `order`, `position` 0–7, …) so a book exported from SillyTavern scans exactly as it would there.
 */

/** One SillyTavern world-info entry, as in its files; unknown fields are kept. */
export type WorldInfoEntry = Record<string, unknown>;

/** Where a book comes from; decides its place in SillyTavern's ordering across books. */
export type WorldInfoSource = 'chat' | 'character' | 'global';

export interface WorldInfoBook {
  /** The book's name (SillyTavern's `world`); with `uid` it names an entry for timers. */
  name: string;
  source: WorldInfoSource;
  /** In file order (`Object.keys(file.entries)` order). */
  entries: WorldInfoEntry[];
}

/** SillyTavern's `world_info_character_strategy`. */
export type InsertionStrategy = 'evenly' | 'character_first' | 'global_first';

/** SillyTavern's global world-info settings, with its defaults in DEFAULT_WORLD_INFO_SETTINGS. */
export interface WorldInfoSettings {
  /** `world_info_depth`: messages scanned. */
  depth: number;
  /** `world_info_min_activations`: keep scanning older messages until this many entries fire. */
  minActivations: number;
  /** `world_info_min_activations_depth_max`: 0 = up to the whole chat. */
  minActivationsDepthMax: number;
  /** `world_info_budget`: percent of the context. */
  budget: number;
  /** `world_info_budget_cap`: tokens; 0 = no cap. */
  budgetCap: number;
  /** `world_info_include_names`: scan `Name: text`. */
  includeNames: boolean;
  /** `world_info_recursive`. */
  recursive: boolean;
  /** `world_info_max_recursion_steps`: 0 = unlimited. */
  maxRecursionSteps: number;
  /** `world_info_case_sensitive`. */
  caseSensitive: boolean;
  /** `world_info_match_whole_words`. */
  matchWholeWords: boolean;
  /** `world_info_use_group_scoring`. */
  useGroupScoring: boolean;
  /** `world_info_character_strategy`. */
  characterStrategy: InsertionStrategy;
  /** `world_info_overflow_alert`: only changes a notice. */
  overflowAlert: boolean;
}

/** One sticky or cooldown timer (SillyTavern's `chat_metadata.timedWorldInfo[type][key]`). */
export interface TimedEffect {
  hash: string;
  /** Chat length when it started. */
  start: number;
  /** Chat length when it ends. */
  end: number;
  /** A protected timer survives a scan where the chat has not grown (a cooldown after sticky). */
  protected: boolean;
}

/** Per-chat timers, keyed by `book.uid`. */
export interface TimedWorldInfo {
  sticky: Record<string, TimedEffect>;
  cooldown: Record<string, TimedEffect>;
}

/** Card fields entries may opt into scanning (SillyTavern's `match*` flags). */
export interface GlobalScanData {
  personaDescription?: string;
  characterDescription?: string;
  characterPersonality?: string;
  characterDepthPrompt?: string;
  scenario?: string;
  creatorNotes?: string;
}

export interface ScanMessage {
  content: string;
  name?: string;
}

export interface WorldInfoScanInput {
  books: readonly WorldInfoBook[];
  /** The chat, oldest first. */
  messages: readonly ScanMessage[];
  settings?: Partial<WorldInfoSettings>;
  /** The model's context size in tokens; the budget is a percentage of it. */
  maxContext: number;
  countTokens: (text: string) => number;
  /** Default Math.random; probability and inclusion-group rolls. */
  random?: () => number;
  /** Macro expansion of keys and content (SillyTavern's substituteParams). */
  expand?: (text: string) => string;
  /** For `characterFilter`: the character's name and tags. */
  character?: { name: string; tags: readonly string[] };
  globalScanData?: GlobalScanData;
  /** Generation type for `triggers` (normal, continue, impersonate, swipe, regenerate, quiet). */
  trigger?: string;
  /** The chat's timers before this reply; updated ones come back in the result. */
  timed?: TimedWorldInfo;
  /** A dry run (the inspector) neither reads nor writes timers, like SillyTavern's. */
  dryRun?: boolean;
  /** Prompt injections scanned too (Author's Note with "allow WI scan"). */
  injections?: readonly string[];
}

/** Why an entry fired. */
export type ActivationCause =
  | { kind: 'constant' }
  | { kind: 'decorator' }
  | { kind: 'sticky' }
  | { kind: 'key'; key: string; secondaryKeys?: string[] };

export interface ActivatedEntry {
  book: string;
  uid: string | number;
  entry: WorldInfoEntry;
  /** Content with decorators stripped and macros expanded. */
  content: string;
  comment: string;
  position: number;
  order: number;
  depth: number;
  role: number;
  outletName: string;
  cause: ActivationCause;
  /** The scan loop (1 = first) that activated it. */
  loop: number;
}

export interface SkippedEntry {
  book: string;
  uid: string | number;
  comment: string;
  reason:
    | 'probability'
    | 'budget'
    | 'group'
    | 'cooldown'
    | 'delay'
    | 'character_filter'
    | 'trigger'
    | 'dont_activate';
}

export interface DepthInjection {
  depth: number;
  role: number;
  /** Contents in insertion order. */
  entries: string[];
}

export interface WorldInfoScanResult {
  /** Every activated entry, in SillyTavern's insertion order (order ascending). */
  activated: ActivatedEntry[];
  skipped: SkippedEntry[];
  before: string;
  after: string;
  /** Position 2/3: around the Author's Note. */
  authorsNoteTop: string[];
  authorsNoteBottom: string[];
  /** Position 5/6: before/after example messages. */
  examplesTop: string[];
  examplesBottom: string[];
  atDepth: DepthInjection[];
  /** Position 7: `{{outlet::name}}` contents. */
  outlets: Record<string, string[]>;
  /** The chat's timers after this reply (unchanged on a dry run). */
  timed: TimedWorldInfo;
  budget: number;
  budgetOverflowed: boolean;
  loops: number;
}
