import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';
import type {
  CharacterSummary,
  ConversationCast,
  LorebookSummary,
  PersonaEvents,
  Preset,
  UserPersona,
} from '../../../../shared/contract/personas';
import { toShownError } from '../../components/errors';
import type { ChatStore } from '../chat/chatStore';

export type Manager = 'presets' | 'personas';

export type RoleplayPatch = {
  presetId?: string | null;
  characterId?: string | null;
  personaId?: string | null;
  lorebookIds?: string[];
};

type ListKind = PersonaEvents['personas.changed']['kind'];

export interface RoleplayState {
  /** The cast of the conversation shown in the chat pane (null: none, or not loaded yet). */
  cast: ConversationCast | null;
  presets: Preset[] | null;
  personas: UserPersona[] | null;
  characters: CharacterSummary[] | null;
  lorebooks: LorebookSummary[] | null;
  /** The last failed list or setup request, in words. */
  error: string | null;
  manager: Manager | null;
  /** The conversation whose next user line the model is drafting. */
  impersonating: string | null;
  /** Loads the cast of a conversation (null clears it). */
  loadCast(conversationId: string | null): Promise<void>;
  /** Loads the lists the setup panel and the managers show (all when no kind is given). */
  refreshLists(kind?: ListKind): Promise<void>;
  /** Changes the shown conversation's setup; resolves to false when the request failed. */
  update(patch: RoleplayPatch): Promise<boolean>;
  openManager(manager: Manager): void;
  closeManager(): void;
  clearError(): void;
  impersonate(): Promise<void>;
  stopImpersonation(): Promise<void>;
  onImpersonation(data: PersonaEvents['chat.impersonation']): void;
  onChanged(kind: ListKind): void;
}

export type RoleplayStore = StoreApi<RoleplayState>;

/**
 * Presets, personas, characters and lorebooks as the chat uses them: the shown conversation's
 * cast (names and avatars in the list), the pickers' lists, and the impersonation draft, which
 * goes into the chat's composer.
 */
export function createRoleplayStore(client: TalariaClient, chat: ChatStore): RoleplayStore {
  let castTicket = 0;
  const loaded = new Set<ListKind>();

  return createStore<RoleplayState>()((set, get) => {
    const fail = (error: unknown): void => set({ error: toShownError(error).message });

    /** The conversation's system prompt changes with a preset: show the new one. */
    const reloadConversation = async (id: string): Promise<void> => {
      const view = await client.request('conversations.get', { id, last: 1 });
      chat.getState().setConversation(view.conversation);
    };

    const fetchers: Record<ListKind, () => Promise<void>> = {
      preset: async () => set({ presets: (await client.request('presets.list', {})).presets }),
      persona: async () => set({ personas: (await client.request('personas.list', {})).personas }),
      character: async () =>
        set({ characters: (await client.request('characters.list', {})).characters }),
      lorebook: async () =>
        set({ lorebooks: (await client.request('lorebooks.list', {})).lorebooks }),
    };

    return {
      cast: null,
      presets: null,
      personas: null,
      characters: null,
      lorebooks: null,
      error: null,
      manager: null,
      impersonating: null,

      async loadCast(conversationId) {
        const ticket = ++castTicket;
        if (!conversationId) {
          set({ cast: null });
          return;
        }
        if (get().cast?.roleplay.conversationId !== conversationId) set({ cast: null });
        try {
          const cast = await client.request('roleplay.get', { conversationId });
          if (ticket === castTicket) set({ cast });
        } catch {
          // A conversation without a setup (or a backend without roleplay) looks as before.
          if (ticket === castTicket) set({ cast: null });
        }
      },

      async refreshLists(kind) {
        const kinds = kind ? [kind] : (Object.keys(fetchers) as ListKind[]);
        for (const k of kinds) loaded.add(k);
        try {
          await Promise.all(kinds.map((k) => fetchers[k]()));
        } catch (error) {
          fail(error);
        }
      },

      async update(patch) {
        const conversationId = chat.getState().conversationId;
        if (!conversationId) return false;
        try {
          const cast = await client.request('roleplay.set', { conversationId, ...patch });
          castTicket++;
          if (chat.getState().conversationId === conversationId) set({ cast, error: null });
          if (patch.presetId !== undefined) await reloadConversation(conversationId);
          return true;
        } catch (error) {
          fail(error);
          return false;
        }
      },

      openManager(manager) {
        set({ manager, error: null });
        void get().refreshLists(manager === 'presets' ? 'preset' : 'persona');
      },
      closeManager: () => set({ manager: null }),
      clearError: () => set({ error: null }),

      async impersonate() {
        const conversationId = chat.getState().conversationId;
        if (!conversationId || get().impersonating) return;
        set({ impersonating: conversationId });
        chat.setState({ error: null });
        try {
          const { text } = await client.request('chat.impersonate', { conversationId });
          if (chat.getState().conversationId === conversationId) chat.getState().setDraft(text);
        } catch (error) {
          chat.setState({ error: toShownError(error) });
        } finally {
          if (get().impersonating === conversationId) set({ impersonating: null });
        }
      },

      async stopImpersonation() {
        const conversationId = get().impersonating;
        if (!conversationId) return;
        try {
          await client.request('chat.stopImpersonation', { conversationId });
        } catch (error) {
          chat.setState({ error: toShownError(error) });
        }
      },

      onImpersonation({ conversationId, text }) {
        if (get().impersonating !== conversationId) return;
        if (chat.getState().conversationId === conversationId) chat.getState().setDraft(text);
      },

      onChanged(kind) {
        if (loaded.has(kind)) void get().refreshLists(kind);
        // A renamed character or a new avatar shows in the open chat at once.
        if (kind === 'character' || kind === 'persona' || kind === 'preset') {
          void get().loadCast(chat.getState().conversationId);
        }
      },
    };
  });
}
