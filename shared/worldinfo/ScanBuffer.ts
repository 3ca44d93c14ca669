import { matchKey } from './matching';
import { field, optionalBool, type ScanEntry } from './scanEntry';
import type { GlobalScanData, WorldInfoSettings } from './types';

/** SillyTavern's MAX_SCAN_DEPTH. */
const MAX_SCAN_DEPTH = 1000;
// SillyTavern separates scanned pieces with "\n\x01" and starts with "\x01", so a key can never
// match across two messages through a shared edge (and `^` in a regex key can match a message).
const MATCHER = '\x01';
const JOINER = `\n${MATCHER}`;

export type ScanState = 'initial' | 'recursion' | 'min_activations';

const SCAN_FIELDS: readonly [flag: string, key: keyof GlobalScanData][] = [
  ['matchPersonaDescription', 'personaDescription'],
  ['matchCharacterDescription', 'characterDescription'],
  ['matchCharacterPersonality', 'characterPersonality'],
  ['matchCharacterDepthPrompt', 'characterDepthPrompt'],
  ['matchScenario', 'scenario'],
  ['matchCreatorNotes', 'creatorNotes'],
];

/** The text one scan reads: the chat (newest first), injections, recursion and card fields. */
export class ScanBuffer {
  private readonly depthBuffer: string[];
  private readonly recurse: string[] = [];
  private readonly inject: string[];
  private skew = 0;

  constructor(
    /** Newest first, names already prefixed. */
    messages: readonly string[],
    private readonly settings: WorldInfoSettings,
    private readonly global: GlobalScanData,
    injections: readonly string[],
  ) {
    this.depthBuffer = messages.slice(0, MAX_SCAN_DEPTH).map((m) => m.trim());
    this.inject = [...injections];
  }

  /** The text an entry is matched against at this state. */
  text(entry: ScanEntry, state: ScanState): string {
    const own = field(entry, 'scanDepth');
    let depth = own === null || own === undefined ? this.depth() : Number(own);
    if (!(depth > 0)) return '';
    depth = Math.min(depth, MAX_SCAN_DEPTH);
    let result = MATCHER + this.depthBuffer.slice(0, depth).join(JOINER);
    if (this.inject.length > 0) result += JOINER + this.inject.join(JOINER);
    // A min-activations pass looks further back in the chat, not at recursed content.
    if (this.recurse.length > 0 && state !== 'min_activations') {
      result += JOINER + this.recurse.join(JOINER);
    }
    for (const [flag, key] of SCAN_FIELDS) {
      const value = this.global[key];
      if (entry.raw[flag] === true && value) result += JOINER + value;
    }
    return result;
  }

  matches(haystack: string, key: string, entry: ScanEntry): boolean {
    return matchKey(haystack, key, {
      caseSensitive: optionalBool(entry, 'caseSensitive') ?? this.settings.caseSensitive,
      matchWholeWords: optionalBool(entry, 'matchWholeWords') ?? this.settings.matchWholeWords,
    });
  }

  addRecurse(text: string): void {
    this.recurse.push(text);
  }

  hasRecurse(): boolean {
    return this.recurse.length > 0;
  }

  advance(): void {
    this.skew++;
  }

  depth(): number {
    return this.settings.depth + this.skew;
  }

  /** Keys found, for inclusion-group scoring (SillyTavern's getScore). */
  score(entry: ScanEntry, state: ScanState): number {
    const text = this.text(entry, state);
    const primary = entry.keys ?? [];
    const secondary = entry.secondaryKeys ?? [];
    if (primary.length === 0) return 0;
    const count = (keys: string[]): number =>
      keys.filter((k) => this.matches(text, k, entry)).length;
    const p = count(primary);
    if (secondary.length === 0) return p;
    const s = count(secondary);
    const logic = field(entry, 'selectiveLogic');
    if (logic === 0) return p + s;
    if (logic === 3) return s === secondary.length ? p + s : p;
    return p;
  }
}
