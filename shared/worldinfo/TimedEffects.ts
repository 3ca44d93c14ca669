import type { ScanEntry } from './scanEntry';
import type { TimedEffect, TimedWorldInfo } from './types';

type Kind = 'sticky' | 'cooldown';

export const emptyTimedWorldInfo = (): TimedWorldInfo => ({ sticky: {}, cooldown: {} });

const copy = (timed: TimedWorldInfo | undefined): TimedWorldInfo => ({
  sticky: { ...(timed?.sticky ?? {}) },
  cooldown: { ...(timed?.cooldown ?? {}) },
});

const amount = (entry: ScanEntry, kind: Kind | 'delay'): number => Number(entry.raw[kind]) || 0;

/**
 * Sticky, cooldown and delay, as SillyTavern's WorldInfoTimedEffects: timers are counted in
 * chat messages and kept per chat. A sticky entry stays in for `sticky` messages after it fired;
 * a cooldown keeps it out for `cooldown` messages (starting when its sticky time ends, if any);
 * a delay keeps it out until the chat has `delay` messages.
 */
export class TimedEffects {
  readonly state: TimedWorldInfo;
  private readonly active = { sticky: new Set<string>(), cooldown: new Set<string>() };
  private readonly delayed = new Set<string>();

  constructor(
    private readonly chatLength: number,
    private readonly entries: readonly ScanEntry[],
    timed: TimedWorldInfo | undefined,
  ) {
    this.state = copy(timed);
  }

  /** Expires and applies the chat's timers (skipped on a dry run, as in SillyTavern). */
  check(): void {
    this.checkKind('sticky', (entry) => {
      // Sticky just ended: its cooldown starts now, protected so this very scan honours it.
      if (!amount(entry, 'cooldown')) return;
      this.state.cooldown[entry.timerKey] = this.effect('cooldown', entry, true);
      this.active.cooldown.add(entry.hash);
    });
    this.checkKind('cooldown', () => {});
    for (const entry of this.entries) {
      const delay = amount(entry, 'delay');
      if (delay && this.chatLength < delay) this.delayed.add(entry.hash);
    }
  }

  private effect(kind: Kind, entry: ScanEntry, isProtected: boolean): TimedEffect {
    return {
      hash: entry.hash,
      start: this.chatLength,
      end: this.chatLength + amount(entry, kind),
      protected: isProtected,
    };
  }

  private checkKind(kind: Kind, onEnded: (entry: ScanEntry) => void): void {
    const timers = this.state[kind];
    for (const [key, value] of Object.entries(timers)) {
      const entry = this.entries.find((e) => e.hash === String(value.hash));
      // A timer set on a reply that was then deleted or swiped away: the chat did not advance.
      if (this.chatLength <= Number(value.start) && !value.protected) {
        delete timers[key];
        continue;
      }
      if (!entry) {
        // Perhaps another character's book: keep the timer until it would have run out.
        if (this.chatLength >= Number(value.end)) delete timers[key];
        continue;
      }
      if (!amount(entry, kind)) {
        delete timers[key];
        continue;
      }
      if (this.chatLength >= Number(value.end)) {
        delete timers[key];
        onEnded(entry);
        continue;
      }
      this.active[kind].add(entry.hash);
    }
  }

  isActive(kind: Kind | 'delay', entry: ScanEntry): boolean {
    return kind === 'delay' ? this.delayed.has(entry.hash) : this.active[kind].has(entry.hash);
  }

  /** Starts sticky and cooldown timers for the entries that went into the prompt. */
  set(activated: readonly ScanEntry[]): void {
    for (const entry of activated) {
      for (const kind of ['sticky', 'cooldown'] as const) {
        if (!amount(entry, kind) || this.state[kind][entry.timerKey]) continue;
        this.state[kind][entry.timerKey] = this.effect(kind, entry, false);
      }
    }
  }
}
