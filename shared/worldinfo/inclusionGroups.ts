import type { ScanBuffer, ScanState } from './ScanBuffer';
import { byOrderDesc, DEFAULT_WEIGHT, field, optionalBool, type ScanEntry } from './scanEntry';
import type { TimedEffects } from './TimedEffects';

export interface GroupContext {
  buffer: ScanBuffer;
  state: ScanState;
  timed: TimedEffects;
  useGroupScoring: boolean;
  random: () => number;
  /** Entries already in the prompt from earlier loops. */
  activated: readonly ScanEntry[];
  /** Told about every entry a group took out. */
  onRemoved: (entry: ScanEntry) => void;
}

const groupOf = (entry: ScanEntry): string => {
  const value = field(entry, 'group');
  return typeof value === 'string' ? value : '';
};

const weight = (entry: ScanEntry): number => {
  const value = field(entry, 'groupWeight');
  return value === null || value === undefined ? DEFAULT_WEIGHT : Number(value);
};

/**
 * Inclusion groups, in SillyTavern's steps: an entry may be in several groups (comma-separated);
 * within a group, sticky entries win outright and entries on cooldown or delay leave; with group
 * scoring only the entries matching the most keys stay; a group that already has an entry in the
 * prompt admits no more; otherwise the highest-order `groupOverride` entry wins, or a roll
 * weighted by `groupWeight` picks one. Mutates `candidates`.
 */
export function filterInclusionGroups(candidates: ScanEntry[], ctx: GroupContext): void {
  const groups = new Map<string, ScanEntry[]>();
  for (const entry of candidates) {
    for (const name of groupOf(entry)
      .split(/,\s*/)
      .filter((x) => x)) {
      const list = groups.get(name) ?? [];
      list.push(entry);
      groups.set(name, list);
    }
  }
  if (groups.size === 0) return;

  // As in SillyTavern, removing an entry that is already gone removes the last candidate
  // (`splice(-1, 1)`); kept so that books relying on it activate the same entries.
  const remove = (entry: ScanEntry): void => {
    const [gone] = candidates.splice(candidates.indexOf(entry), 1);
    if (gone) ctx.onRemoved(gone);
  };
  const removeAllBut = (group: ScanEntry[], keep: ScanEntry | null): void => {
    for (const entry of group) if (entry !== keep) remove(entry);
  };

  const hasSticky = new Map<string, boolean>();
  for (const [name, group] of groups) {
    const sticky = group.filter((e) => ctx.timed.isActive('sticky', e));
    hasSticky.set(name, sticky.length > 0);
    if (sticky.length > 0) for (const e of group) if (!sticky.includes(e)) remove(e);
    for (const e of group.filter((x) => ctx.timed.isActive('cooldown', x))) remove(e);
    for (const e of group.filter((x) => ctx.timed.isActive('delay', x))) remove(e);
  }

  for (const [name, group] of groups) {
    if (!ctx.useGroupScoring && !group.some((e) => field(e, 'useGroupScoring'))) continue;
    if (hasSticky.get(name)) continue;
    const scores = group.map((e) => ctx.buffer.score(e, ctx.state));
    const max = Math.max(...scores);
    for (let i = 0; i < group.length; i++) {
      if (!(optionalBool(group[i]!, 'useGroupScoring') ?? ctx.useGroupScoring)) continue;
      if (scores[i]! < max) {
        remove(group[i]!);
        group.splice(i, 1);
        scores.splice(i, 1);
        i--;
      }
    }
  }

  for (const [name, group] of groups) {
    if (hasSticky.get(name)) continue;
    // SillyTavern compares the whole `group` string here, so a multi-group entry in the prompt
    // closes only a group named exactly like its whole list.
    if (ctx.activated.some((e) => field(e, 'group') === name)) {
      removeAllBut(group, null);
      continue;
    }
    if (group.length <= 1) continue;
    const prio = group.filter((e) => field(e, 'groupOverride')).sort(byOrderDesc);
    if (prio.length > 0) {
      removeAllBut(group, prio[0]!);
      continue;
    }
    const total = group.reduce((sum, e) => sum + weight(e), 0);
    const roll = ctx.random() * total;
    let running = 0;
    const winner = group.find((e) => (running += weight(e)) >= roll);
    if (winner) removeAllBut(group, winner);
  }
}
