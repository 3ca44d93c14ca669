import { TalariaError } from '../contract/errors';
import { compileKey, type KeyMatcher } from './keyMatcher';
import { resolveLoreEntry, type ResolvedLoreEntry } from './loreEntry';
import type {
  ActivateLorebookOptions,
  ActivateLorebookResult,
  LoreActivation,
  LoreActivationReason,
  LoreDrop,
  LorebookEntry,
  LoreMatchSource,
} from './lorebookTypes';

/** SillyTavern's default scan depth (`world_info_depth`). */
export const DEFAULT_SCAN_DEPTH = 2;
const DEFAULT_MAX_RECURSION = 5;

interface Haystack {
  text: string;
  source: LoreMatchSource;
}

interface CompiledEntry extends ResolvedLoreEntry {
  content: string;
  primary: { key: string; test: KeyMatcher }[];
  secondary: { key: string; test: KeyMatcher }[];
}

function compileEntry(
  resolved: ResolvedLoreEntry,
  options: ActivateLorebookOptions,
  warnings: string[],
): CompiledEntry | null {
  const expand = options.expand ?? ((text: string) => text);
  const settings = {
    caseSensitive: resolved.caseSensitive ?? options.caseSensitive ?? false,
    wholeWords: resolved.matchWholeWords ?? options.matchWholeWords ?? false,
    useRegex: resolved.useRegex,
  };
  const compile = (keys: string[]): { key: string; test: KeyMatcher }[] | null => {
    const out: { key: string; test: KeyMatcher }[] = [];
    for (const key of keys) {
      const compiled = compileKey(expand(key), settings);
      if (compiled === null) continue;
      if (!compiled.ok) {
        warnings.push(
          `Lorebook entry "${resolved.label}" is skipped: its key ${JSON.stringify(key)} is not ` +
            `a usable regular expression (${compiled.error}).`,
        );
        return null;
      }
      out.push({ key, test: compiled.test });
    }
    return out;
  };
  // A constant entry never consults its keys, so a bad key must not cost the user the entry.
  const primary = resolved.constant ? [] : compile(resolved.keys);
  const secondary = resolved.constant || !resolved.selective ? [] : compile(resolved.secondaryKeys);
  if (primary === null || secondary === null) return null;
  const content = typeof resolved.entry.content === 'string' ? expand(resolved.entry.content) : '';
  return { ...resolved, content, primary, secondary };
}

function messageHaystacks(options: ActivateLorebookOptions, depth: number): Haystack[] {
  const { messages } = options;
  const includeNames = options.includeNames ?? true;
  const out: Haystack[] = [];
  // Most recent first, so a reason names the latest message that mentioned the key.
  for (let i = messages.length - 1; i >= 0 && i >= messages.length - depth; i--) {
    const message = messages[i]!;
    const text =
      includeNames && message.name ? `${message.name}: ${message.content}` : message.content;
    out.push({
      text,
      source: {
        kind: 'message',
        messageIndex: i,
        ...(message.id ? { messageId: message.id } : {}),
      },
    });
  }
  return out;
}

function secondaryPasses(entry: CompiledEntry, haystacks: Haystack[]): string[] | null {
  const matched = entry.secondary.filter((k) => haystacks.some((h) => k.test(h.text)));
  const count = matched.length;
  const total = entry.secondary.length;
  const pass =
    entry.logic === 'AND_ANY'
      ? count > 0
      : entry.logic === 'AND_ALL'
        ? count === total
        : entry.logic === 'NOT_ANY'
          ? count === 0
          : count < total;
  return pass ? matched.map((k) => k.key) : null;
}

function match(
  entry: CompiledEntry,
  options: ActivateLorebookOptions,
  recursion: Haystack[],
): LoreActivationReason | null {
  if (entry.constant) return { key: null, matchedIn: { kind: 'constant' } };
  const scanDepth = Math.max(0, entry.scanDepth ?? options.scanDepth ?? DEFAULT_SCAN_DEPTH);
  const haystacks = [...messageHaystacks(options, scanDepth), ...recursion];
  for (const field of entry.matchSources) {
    const text = options.scanSources?.[field];
    if (text) haystacks.push({ text, source: { kind: 'field', field } });
  }
  for (const key of entry.primary) {
    const hit = haystacks.find((h) => key.test(h.text));
    if (!hit) continue;
    // Selective logic needs secondary keys; without any, a selective entry acts on its keys alone.
    if (entry.secondary.length === 0) return { key: key.key, matchedIn: hit.source };
    const secondaryKeys = secondaryPasses(entry, haystacks);
    return secondaryKeys === null ? null : { key: key.key, secondaryKeys, matchedIn: hit.source };
  }
  return null;
}

const byPriority = (a: CompiledEntry, b: CompiledEntry): number =>
  b.priority - a.priority || a.index - b.index;

/**
 * Finds the lorebook entries a chat activates, SillyTavern-style: constant entries always; others
 * when a key appears in the last `scanDepth` messages (case sensitivity, whole words and regex
 * keys per entry), selective entries also subject to their secondary keys and logic. With
 * `recursive`, activated content is scanned again, up to `maxRecursionDepth` passes. Matches are
 * then rolled against `probability` and charged to `tokenBudget` in priority order; once the
 * budget overflows every lower-priority match is dropped (and recursion stops), so the
 * lowest-priority entries always go first. Never throws on entry data: bad regex keys skip their
 * entry with a warning.
 */
export function activateLorebook(
  entries: readonly LorebookEntry[],
  options: ActivateLorebookOptions,
): ActivateLorebookResult {
  const { tokenBudget, countTokens } = options;
  if (tokenBudget !== undefined && countTokens === undefined) {
    throw new TalariaError(
      'INVALID_INPUT',
      'A lorebook token budget needs a countTokens function.',
    );
  }
  const warnings: string[] = [];
  const random = options.random ?? Math.random;
  const compiled = entries
    .map((entry, index) => resolveLoreEntry(entry, index, warnings))
    .filter((entry) => entry.enabled)
    .map((entry) => compileEntry(entry, options, warnings))
    .filter((entry): entry is CompiledEntry => entry !== null)
    .sort(byPriority);

  const decided = new Set<number>();
  const activated: LoreActivation[] = [];
  const dropped: LoreDrop[] = [];
  const recursion: Haystack[] = [];
  let used = 0;
  let overflowed = false;
  const maxDepth = options.recursive ? (options.maxRecursionDepth ?? DEFAULT_MAX_RECURSION) : 0;

  for (let depth = 0; depth <= maxDepth && !overflowed; depth++) {
    const candidates: { entry: CompiledEntry; reason: LoreActivationReason }[] = [];
    for (const entry of compiled) {
      if (decided.has(entry.index)) continue;
      if (depth > 0 && entry.excludeRecursion) continue;
      if (depth === 0 && entry.delayUntilRecursion) continue;
      const reason = match(entry, options, recursion);
      if (reason) candidates.push({ entry, reason });
    }
    const fresh: CompiledEntry[] = [];
    for (const { entry, reason } of candidates) {
      decided.add(entry.index);
      const activation: LoreActivation = {
        entry: entry.entry,
        index: entry.index,
        label: entry.label,
        content: entry.content,
        position: entry.position,
        depth: entry.depth,
        role: entry.role,
        insertionOrder: entry.insertionOrder,
        priority: entry.priority,
        recursionDepth: depth,
        reason,
      };
      if (entry.probability < 100 && random() * 100 >= entry.probability) {
        dropped.push({ ...activation, droppedBecause: 'probability' });
        continue;
      }
      if (tokenBudget !== undefined && countTokens !== undefined && !entry.ignoreBudget) {
        const tokens = countTokens(entry.content);
        if (overflowed || used + tokens > tokenBudget) {
          overflowed = true;
          dropped.push({ ...activation, droppedBecause: 'budget', tokens });
          continue;
        }
        used += tokens;
      }
      activated.push(activation);
      fresh.push(entry);
    }
    const triggers = fresh.filter((e) => !e.preventRecursion && e.content.trim() !== '');
    const delayed = compiled.some((e) => e.delayUntilRecursion && !decided.has(e.index));
    if (triggers.length === 0 && !delayed) break;
    for (const e of triggers) {
      const source: LoreMatchSource = { kind: 'entry', entryIndex: e.index, label: e.label };
      recursion.push({ text: e.content, source });
    }
  }
  activated.sort((a, b) => a.insertionOrder - b.insertionOrder || a.index - b.index);
  return { activated, dropped, warnings };
}
