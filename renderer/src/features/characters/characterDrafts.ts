import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CharacterCardV3 } from '../../../../shared/cards';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { Character } from '../../../../shared/contract/personas';
import { toShownError, type ShownError } from '../../components/errors';
import {
  cardToForm,
  emptyCard,
  fieldOfError,
  formToCard,
  problemsOf,
  sameForm,
  type CardField,
  type CardForm,
} from './cardForm';

/** The route key of a character that is not saved yet. */
export const NEW_CHARACTER = 'new';

/** One character being edited; it lives until it is saved, reverted or the character deleted. */
export interface CharacterDraft {
  /** Null until a new character is first saved. */
  id: string | null;
  /** The saved card (a blank one for a new character): fields the form does not show. */
  base: CharacterCardV3;
  baseline: CardForm;
  form: CardForm;
  avatar: string | null;
  /** The avatar was picked or removed here and is not saved yet. */
  avatarChanged: boolean;
  updatedAt: number | null;
  loading: boolean;
  /** False while loading and when loading failed (the character is gone). */
  loaded: boolean;
  saving: boolean;
  /** Why loading or saving failed. */
  error: ShownError | null;
  /** Problems shown next to their fields. */
  problems: Partial<Record<CardField, string>>;
  dirty: boolean;
}

export interface CharacterDraftsState {
  drafts: Record<string, CharacterDraft>;
  /** Loads the character unless a draft of it is already open. */
  open(key: string): Promise<void>;
  edit(key: string, patch: Partial<CardForm>): void;
  setAvatar(key: string, avatar: string | null): void;
  revert(key: string): void;
  /** Saves the draft; the saved character, or null when it is invalid or saving failed. */
  save(key: string): Promise<Character | null>;
  /** The backend says a character changed: reload a draft without unsaved edits. */
  changed(id: string | null): Promise<void>;
  forget(key: string): void;
}

export type CharacterDraftsStore = StoreApi<CharacterDraftsState>;

function draftOf(character: Character | null): CharacterDraft {
  const base = character?.card ?? emptyCard();
  const form = cardToForm(base);
  return {
    id: character?.id ?? null,
    base,
    baseline: form,
    form,
    avatar: character?.avatar ?? null,
    avatarChanged: false,
    updatedAt: character?.updatedAt ?? null,
    loading: false,
    loaded: true,
    saving: false,
    error: null,
    problems: {},
    dirty: false,
  };
}

export function createCharacterDraftsStore(client: TalariaClient): CharacterDraftsStore {
  return createStore<CharacterDraftsState>()((set, get) => {
    const patch = (key: string, change: Partial<CharacterDraft>): void => {
      const draft = get().drafts[key];
      if (!draft) return;
      const next = { ...draft, ...change };
      next.dirty = next.avatarChanged || !sameForm(next.form, next.baseline);
      set({ drafts: { ...get().drafts, [key]: next } });
    };
    const load = async (key: string): Promise<void> => {
      try {
        const character = await client.request('characters.get', { id: key });
        set({ drafts: { ...get().drafts, [key]: draftOf(character) } });
      } catch (error) {
        patch(key, { loading: false, error: toShownError(error) });
      }
    };

    return {
      drafts: {},

      async open(key) {
        const existing = get().drafts[key];
        if (existing && (existing.loaded || existing.loading)) return;
        if (key === NEW_CHARACTER) {
          set({ drafts: { ...get().drafts, [key]: draftOf(null) } });
          return;
        }
        set({
          drafts: {
            ...get().drafts,
            [key]: { ...draftOf(null), id: key, loading: true, loaded: false },
          },
        });
        await load(key);
      },

      edit(key, change) {
        const draft = get().drafts[key];
        if (!draft) return;
        // A problem goes away as soon as its field is edited.
        const problems = { ...draft.problems };
        for (const field of Object.keys(change) as CardField[]) delete problems[field];
        patch(key, { form: { ...draft.form, ...change }, problems });
      },

      setAvatar: (key, avatar) => patch(key, { avatar, avatarChanged: true }),

      revert(key) {
        const draft = get().drafts[key];
        if (!draft) return;
        if (draft.id === null) set({ drafts: { ...get().drafts, [key]: draftOf(null) } });
        else void load(key);
      },

      async save(key) {
        const draft = get().drafts[key];
        if (!draft || draft.saving) return null;
        const problems = problemsOf(draft.form);
        if (Object.keys(problems).length > 0) {
          patch(key, { problems, error: null });
          return null;
        }
        patch(key, { saving: true, error: null, problems: {} });
        try {
          const saved = await client.request('characters.save', {
            ...(draft.id ? { id: draft.id } : {}),
            card: formToCard(draft.form, draft.base),
            ...(draft.avatarChanged ? { avatar: draft.avatar } : {}),
          });
          const drafts = { ...get().drafts, [saved.id]: draftOf(saved) };
          if (key !== saved.id) delete drafts[key];
          set({ drafts });
          return saved;
        } catch (error) {
          const shown = toShownError(error);
          const field = fieldOfError(shown.message);
          patch(key, {
            saving: false,
            error: shown,
            problems: field ? { [field]: shown.message } : {},
          });
          return null;
        }
      },

      async changed(id) {
        const ids = id === null ? Object.keys(get().drafts) : [id];
        for (const key of ids) {
          const draft = get().drafts[key];
          if (!draft || draft.dirty || draft.saving || draft.id === null) continue;
          try {
            const character = await client.request('characters.get', { id: key });
            if (!get().drafts[key]?.dirty) {
              set({ drafts: { ...get().drafts, [key]: draftOf(character) } });
            }
          } catch {
            // Deleted elsewhere: the editor shows "not found" when it is opened again.
            get().forget(key);
          }
        }
      },

      forget(key) {
        const drafts = { ...get().drafts };
        delete drafts[key];
        set({ drafts });
      },
    };
  });
}
