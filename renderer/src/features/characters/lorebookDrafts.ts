import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CharacterBook } from '../../../../shared/cards';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { Lorebook } from '../../../../shared/contract/personas';
import { toShownError, type ShownError } from '../../components/errors';

/** A standalone lorebook being edited. */
export interface LorebookDraft {
  id: string;
  name: string;
  book: CharacterBook | null;
  baseline: string;
  updatedAt: number | null;
  loading: boolean;
  saving: boolean;
  error: ShownError | null;
  nameProblem: string | null;
  dirty: boolean;
}

export interface LorebookDraftsState {
  drafts: Record<string, LorebookDraft>;
  open(id: string): Promise<void>;
  edit(id: string, change: { name?: string; book?: CharacterBook }): void;
  revert(id: string): Promise<void>;
  save(id: string): Promise<Lorebook | null>;
  changed(id: string | null): Promise<void>;
  forget(id: string): void;
}

export type LorebookDraftsStore = StoreApi<LorebookDraftsState>;

const snapshot = (name: string, book: CharacterBook | null): string => JSON.stringify([name, book]);

function draftOf(lorebook: Lorebook): LorebookDraft {
  return {
    id: lorebook.id,
    name: lorebook.name,
    book: lorebook.book,
    baseline: snapshot(lorebook.name, lorebook.book),
    updatedAt: lorebook.updatedAt,
    loading: false,
    saving: false,
    error: null,
    nameProblem: null,
    dirty: false,
  };
}

export function createLorebookDraftsStore(client: TalariaClient): LorebookDraftsStore {
  return createStore<LorebookDraftsState>()((set, get) => {
    const put = (id: string, draft: LorebookDraft): void =>
      set({ drafts: { ...get().drafts, [id]: draft } });
    const patch = (id: string, change: Partial<LorebookDraft>): void => {
      const draft = get().drafts[id];
      if (!draft) return;
      const next = { ...draft, ...change };
      next.dirty = snapshot(next.name, next.book) !== next.baseline;
      put(id, next);
    };
    const load = async (id: string): Promise<void> => {
      try {
        put(id, draftOf(await client.request('lorebooks.get', { id })));
      } catch (error) {
        patch(id, { loading: false, error: toShownError(error) });
      }
    };
    return {
      drafts: {},

      async open(id) {
        const existing = get().drafts[id];
        if (existing && (existing.book !== null || existing.loading)) return;
        put(id, {
          id,
          name: '',
          book: null,
          baseline: snapshot('', null),
          updatedAt: null,
          loading: true,
          saving: false,
          error: null,
          nameProblem: null,
          dirty: false,
        });
        await load(id);
      },

      edit(id, change) {
        patch(id, { ...change, ...(change.name !== undefined ? { nameProblem: null } : {}) });
      },

      revert: (id) => load(id),

      async save(id) {
        const draft = get().drafts[id];
        if (!draft?.book || draft.saving) return null;
        if (draft.name.trim() === '') {
          patch(id, { nameProblem: 'A lorebook needs a name.' });
          return null;
        }
        patch(id, { saving: true, error: null, nameProblem: null });
        try {
          const saved = await client.request('lorebooks.save', {
            id,
            name: draft.name,
            book: draft.book,
          });
          put(id, draftOf(saved));
          return saved;
        } catch (error) {
          const shown = toShownError(error);
          patch(id, {
            saving: false,
            error: shown,
            nameProblem: /\bname\b/i.test(shown.message) ? shown.message : null,
          });
          return null;
        }
      },

      async changed(id) {
        const ids = id === null ? Object.keys(get().drafts) : [id];
        for (const key of ids) {
          const draft = get().drafts[key];
          if (!draft || draft.dirty || draft.saving || draft.loading) continue;
          try {
            const lorebook = await client.request('lorebooks.get', { id: key });
            if (!get().drafts[key]?.dirty) put(key, draftOf(lorebook));
          } catch {
            get().forget(key);
          }
        }
      },

      forget(id) {
        const drafts = { ...get().drafts };
        delete drafts[id];
        set({ drafts });
      },
    };
  });
}
