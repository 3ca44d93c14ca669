import { useState } from 'react';
import { useStores } from '../../app/stores';
import { toShownError } from '../../components/errors';
import { useRoleplay } from './useRoleplay';

/** A manager's selection: an entry's id, 'new' while one is written that is not saved yet. */
export type Selection = string | 'new' | null;

export interface ManagerState<T> {
  open: boolean;
  close: () => void;
  /** What the editor shows: the entry chosen, else the manager's fallback. */
  shown: Selection;
  current: T | null;
  /** Selects another entry, asking first when the editor holds unsaved changes. */
  choose: (next: Selection) => void;
  /** Selects without asking: the entry just saved, imported or deleted. */
  select: (next: Selection) => void;
  /** What the editor reports, so that leaving it can ask first. */
  setDirty: (dirty: boolean) => void;
  /** Runs an action of the manager; a failure becomes a toast starting with `failure`. */
  run: (action: () => Promise<void>, failure: string) => Promise<void>;
  /** Asks, then deletes the entry with `request`, selects the fallback and reloads the list. */
  confirmDelete: (name: string, consequence: string, request: () => Promise<unknown>) => void;
}

/**
 * The state of the presets or the personas manager, a list + editor dialog. `fallback` is shown
 * while nothing (or an entry that is gone) is chosen, so the editor always has something.
 */
export function useManager<T extends { id: string }>(
  kind: 'preset' | 'persona',
  items: readonly T[],
  fallback: Selection,
): ManagerState<T> {
  const { roleplay, ui } = useStores();
  const open = useRoleplay((s) => s.manager === `${kind}s`);
  const [selected, setSelected] = useState<Selection>(null);
  const [dirty, setDirty] = useState(false);
  const shown = selected === 'new' || items.some((i) => i.id === selected) ? selected : fallback;
  const current = items.find((i) => i.id === shown) ?? null;

  const select = (next: Selection): void => {
    setDirty(false);
    setSelected(next);
  };

  const choose = (next: Selection): void => {
    if (next === shown) return;
    if (!dirty) return setSelected(next);
    ui.getState().ask({
      title: 'Discard your changes?',
      body: `The ${kind} you are editing has changes that are not saved.`,
      confirmLabel: 'Discard',
      danger: true,
      onConfirm: () => select(next),
    });
  };

  const run = async (action: () => Promise<void>, failure: string): Promise<void> => {
    try {
      await action();
    } catch (error) {
      ui.getState().notify({ message: `${failure}: ${toShownError(error).message}` });
    }
  };

  const confirmDelete = (
    name: string,
    consequence: string,
    request: () => Promise<unknown>,
  ): void =>
    ui.getState().ask({
      title: `Delete “${name}”?`,
      body: `${consequence} This cannot be undone.`,
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: () =>
        run(async () => {
          await request();
          select(null);
          await roleplay.getState().refreshLists(kind);
        }, 'Could not delete'),
    });

  const close = (): void => roleplay.getState().closeManager();
  return { open, close, shown, current, choose, select, setDirty, run, confirmDelete };
}
