import { filterInclusionGroups } from './inclusionGroups';
import { ScanBuffer, type ScanState } from './ScanBuffer';
import { passesFilters, primaryMatch } from './entryChecks';
import { assemble } from './assemble';
import { field, flag, sortedEntries, type ScanEntry } from './scanEntry';
import { DEFAULT_WORLD_INFO_SETTINGS } from './settings';
import { TimedEffects } from './TimedEffects';
import type {
  ActivationCause,
  SkippedEntry,
  WorldInfoScanInput,
  WorldInfoScanResult,
} from './types';

/** The delay-until-recursion levels in use, lowest first (`true` is level 1). */
function delayLevels(entries: readonly ScanEntry[]): number[] {
  const levels = entries
    .map((e) => field(e, 'delayUntilRecursion'))
    .filter((v) => v)
    .map((v) => (v === true ? 1 : Number(v)));
  return [...new Set(levels)].sort((a, b) => a - b);
}

/**
 * One world-info scan for the next reply, step for step as SillyTavern's `checkWorldInfo`:
 * entries in its order across books; per loop, filters (character, triggers, timers,
 * delay-until-recursion, exclusion from recursion), decorators, constant and sticky entries,
 * then primary and secondary keys over the scan buffer; inclusion groups; probability; the token
 * budget (a percentage of the context, capped); then recursion, min activations and the delayed
 * recursion levels decide whether another loop runs. Never throws on entry data.
 */
export function scanWorldInfo(input: WorldInfoScanInput): WorldInfoScanResult {
  const settings = { ...DEFAULT_WORLD_INFO_SETTINGS, ...input.settings };
  const random = input.random ?? Math.random;
  const expand = input.expand ?? ((text: string) => text);
  const chat = [...input.messages]
    .reverse()
    .map((m) => (settings.includeNames && m.name ? `${m.name}: ${m.content}` : m.content));
  const buffer = new ScanBuffer(chat, settings, input.globalScanData ?? {}, input.injections ?? []);
  let budget = Math.round((settings.budget * input.maxContext) / 100) || 1;
  if (settings.budgetCap > 0 && budget > settings.budgetCap) budget = settings.budgetCap;

  const entries = sortedEntries(input.books, settings.characterStrategy);
  const timed = new TimedEffects(chat.length, entries, input.timed);
  if (!input.dryRun) timed.check();

  const activated: ScanEntry[] = [];
  const causes = new Map<ScanEntry, { cause: ActivationCause; loop: number }>();
  const failedProbability = new Set<ScanEntry>();
  const skipped = new Map<ScanEntry, SkippedEntry['reason']>();
  const skip = (entry: ScanEntry, reason: SkippedEntry['reason']): void => {
    if (!skipped.has(entry)) skipped.set(entry, reason);
  };
  const levels = delayLevels(entries);
  let level = levels.shift() ?? 0;
  let state: ScanState | null = 'initial';
  let overflowed = false;
  let loops = 0;
  let activatedText = '';

  while (state) {
    if (settings.maxRecursionSteps && settings.maxRecursionSteps <= loops) break;
    loops++;
    const now: ScanEntry[] = [];
    for (const entry of entries) {
      if (failedProbability.has(entry) || causes.has(entry)) continue;
      const cause = consider(entry);
      if (cause) {
        now.push(entry);
        causes.set(entry, { cause, loop: loops });
      }
    }
    // Sticky entries go first, then SillyTavern's scan order.
    const candidates = [...now].sort(
      (a, b) =>
        Number(timed.isActive('sticky', b)) - Number(timed.isActive('sticky', a)) ||
        entries.indexOf(a) - entries.indexOf(b),
    );
    const textTokens = input.countTokens(activatedText);
    filterInclusionGroups(candidates, {
      buffer,
      state,
      timed,
      useGroupScoring: settings.useGroupScoring,
      random,
      activated,
      onRemoved: (e) => skip(e, 'group'),
    });
    for (const entry of now) if (!candidates.includes(entry)) causes.delete(entry);

    let newContent = '';
    for (const entry of candidates) {
      const probability = field(entry, 'probability');
      const rolls = flag(entry, 'useProbability') && probability !== 100;
      if (rolls && !timed.isActive('sticky', entry) && !(random() * 100 <= Number(probability))) {
        failedProbability.add(entry);
        causes.delete(entry);
        skip(entry, 'probability');
        continue;
      }
      entry.content = expand(entry.content);
      if (overflowed && !flag(entry, 'ignoreBudget')) {
        causes.delete(entry);
        skip(entry, 'budget');
        continue;
      }
      newContent += `${entry.content}\n`;
      if (textTokens + input.countTokens(newContent) >= budget && !flag(entry, 'ignoreBudget')) {
        overflowed = true;
        causes.delete(entry);
        skip(entry, 'budget');
        continue;
      }
      activated.push(entry);
    }
    for (const entry of candidates) if (!activated.includes(entry)) causes.delete(entry);

    const succeeded = candidates.filter((e) => !failedProbability.has(e));
    const forRecursion = succeeded.filter((e) => !flag(e, 'preventRecursion'));
    let next: ScanState | null = null;
    if (settings.recursive && !overflowed && forRecursion.length > 0) next = 'recursion';
    if (settings.recursive && !overflowed && state === 'min_activations' && buffer.hasRecurse()) {
      next = 'recursion';
    }
    if (
      !next &&
      !overflowed &&
      settings.minActivations > 0 &&
      activated.length < settings.minActivations
    ) {
      const depth = buffer.depth();
      const overMax =
        (settings.minActivationsDepthMax > 0 && depth > settings.minActivationsDepthMax) ||
        depth > chat.length;
      if (!overMax) {
        next = 'min_activations';
        buffer.advance();
      }
    }
    if (!next && levels.length > 0) {
      next = 'recursion';
      level = levels.shift()!;
    }
    state = next;
    if (state) {
      const text = forRecursion.map((e) => e.content).join('\n');
      buffer.addRecurse(text);
      activatedText = `${text}\n${activatedText}`;
    }
  }

  function consider(entry: ScanEntry): ActivationCause | null {
    if (field(entry, 'disable') == true) return null;
    const filtered = passesFilters(entry, input);
    if (filtered) {
      skip(entry, filtered);
      return null;
    }
    const isSticky = timed.isActive('sticky', entry);
    if (timed.isActive('delay', entry)) return (skip(entry, 'delay'), null);
    if (timed.isActive('cooldown', entry) && !isSticky) return (skip(entry, 'cooldown'), null);
    const delay = field(entry, 'delayUntilRecursion');
    if (state !== 'recursion' && delay && !isSticky) return null;
    if (
      state === 'recursion' &&
      delay &&
      !isSticky &&
      (delay === true ? 1 : Number(delay)) > level
    ) {
      return null;
    }
    if (
      state === 'recursion' &&
      settings.recursive &&
      flag(entry, 'excludeRecursion') &&
      !isSticky
    ) {
      return null;
    }
    if (entry.decorators.includes('@@activate')) return { kind: 'decorator' };
    if (entry.decorators.includes('@@dont_activate')) return (skip(entry, 'dont_activate'), null);
    if (flag(entry, 'constant')) return { kind: 'constant' };
    if (isSticky) return { kind: 'sticky' };
    return primaryMatch(entry, buffer, buffer.text(entry, state!), expand);
  }

  if (!input.dryRun) timed.set(activated);
  const result = assemble(activated, causes);
  return {
    ...result,
    skipped: [...skipped]
      .filter(([entry]) => !activated.includes(entry))
      .map(([entry, reason]) => ({
        book: entry.book,
        uid: entry.uid,
        comment: typeof entry.raw.comment === 'string' ? entry.raw.comment : '',
        reason,
      })),
    timed: input.dryRun
      ? { sticky: { ...input.timed?.sticky }, cooldown: { ...input.timed?.cooldown } }
      : timed.state,
    budget,
    budgetOverflowed: overflowed,
    loops,
  };
}
