import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ChatDeltaEvent,
  ChatDoneEvent,
  ChatErrorEvent,
  StreamStart,
} from '../../../../shared/contract';
import type { ConversationView } from '../../../../shared/contract';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { Conversation, Message } from '../../../../shared/contract/types';
import { branchMap, type BranchMap } from './branches';
import { viewActions } from './viewActions';
import { toShownError, type ShownError } from '../../components/errors';
import type { ConversationsStore } from '../conversations/conversationsStore';
import { EarlyEvents, type StreamEvent } from './EarlyEvents';
import { placeStreamStart, replaceMessage } from './messageOps';
import {
  applyDelta,
  applySnapshot,
  createStream,
  type StreamIdentity,
  type StreamState,
} from './streamReducer';

export interface ChatState {
  /** The conversation shown in the main pane. */
  conversationId: string | null;
  /** Its active branch, root first. */
  messages: Message[];
  /** The shown conversation (settings, title), once loaded. */
  conversation: Conversation | null;
  /** Where it branches: sibling ids by parent id ('' for the roots). */
  branches: BranchMap;
  /** A message to scroll to and highlight (search hits); `tick` repeats the same one. */
  focus: { messageId: string; tick: number } | null;
  loading: boolean;
  error: ShownError | null;
  /** Running streams of every conversation, by stream id. */
  streams: Record<string, StreamState>;
  /** A send or regenerate request is on its way. */
  sending: boolean;
  /** Tokens/s of the last finished reply, for the status bar. */
  lastReplyTps: number | null;
  /** The composer's text, kept here so empty-state suggestions can fill it. */
  draft: string;
  setDraft(text: string): void;
  open(id: string | null): Promise<void>;
  /** Shows a conversation that was just created (known to be empty, so nothing is fetched). */
  openNew(conversation: Conversation): void;
  send(content: string): Promise<boolean>;
  regenerate(): Promise<void>;
  /** Starts a stream with any request that answers a StreamStart (edit, continue). */
  start(conversationId: string, request: () => Promise<StreamStart>): Promise<boolean>;
  /** Shows a branch view the server answered (reveal, delete). */
  applyView(view: ConversationView): void;
  refreshBranches(): Promise<void>;
  setFocus(messageId: string | null): void;
  setConversation(conversation: Conversation): void;
  stop(): Promise<void>;
  /** Re-joins the streams still running on the server (after a page reload). */
  reattach(): Promise<{ conversationId: string }[]>;
  conversationDeleted(id: string): void;
  receive(event: StreamEvent): void;
  clearError(): void;
}

export type ChatStore = StoreApi<ChatState>;

/** Messages shown before the rest of a long conversation has loaded. */
const FIRST_PAGE = 120;

/** The stream writing into a conversation, if any. */
export function streamOf(state: ChatState, conversationId: string | null): StreamState | null {
  if (!conversationId) return null;
  for (const s of Object.values(state.streams)) if (s.conversationId === conversationId) return s;
  return null;
}

export function createChatStore(
  client: TalariaClient,
  conversations: ConversationsStore,
): ChatStore {
  const early = new EarlyEvents();
  // Events of a stream can arrive before `chat.send` answers; while a start is in flight for a
  // conversation, unknown streams there are held back instead of treated as someone else's.
  const startsInFlight = new Map<string, number>();
  let openTicket = 0;

  return createStore<ChatState>()((set, get) => {
    const setStream = (stream: StreamState): void =>
      set((s) => ({ streams: { ...s.streams, [stream.streamId]: stream } }));

    const dropStream = (streamId: string): void =>
      set((s) => {
        if (!(streamId in s.streams)) return s;
        const { [streamId]: _dropped, ...rest } = s.streams;
        return { streams: rest };
      });

    const reloadMessages = async (id: string, ticket = openTicket): Promise<void> => {
      try {
        // The newest messages first, so a long conversation shows at once; the rest follows.
        const view = await client.request('conversations.get', { id, last: FIRST_PAGE });
        if (ticket !== openTicket || get().conversationId !== id) return;
        const { conversation, branches } = view;
        set({
          messages: view.messages,
          conversation,
          branches: branchMap(branches),
          loading: false,
        });
        if (!view.complete) {
          const { messages } = await client.request('conversations.get', { id });
          if (ticket !== openTicket || get().conversationId !== id) return;
          set({ messages });
        }
        await adoptUntracked(get().messages);
      } catch (error) {
        if (ticket === openTicket) set({ loading: false, error: toShownError(error) });
      }
    };

    const attach = async (streamId: string): Promise<void> => {
      try {
        const snapshot = await client.request('chat.attach', { streamId });
        const stream = get().streams[streamId];
        if (!stream) return;
        if (snapshot.done) {
          dropStream(streamId);
          if (get().conversationId === stream.conversationId) {
            await reloadMessages(stream.conversationId);
          }
          return;
        }
        const outcome = applySnapshot(stream, snapshot);
        setStream(outcome.state);
        if (outcome.needsAttach) void attach(streamId);
      } catch {
        // The stream ended between the event and the request: the stored message is final.
        const stream = get().streams[streamId];
        dropStream(streamId);
        if (stream && get().conversationId === stream.conversationId) {
          await reloadMessages(stream.conversationId);
        }
      }
    };

    const join = (identity: StreamIdentity): void => {
      if (get().streams[identity.streamId]) return;
      setStream(createStream(identity, true));
      void attach(identity.streamId);
    };

    const adoptUntracked = async (messages: Message[]): Promise<void> => {
      const tracked = new Set(Object.values(get().streams).map((s) => s.messageId));
      if (!messages.some((m) => m.status === 'streaming' && !tracked.has(m.id))) return;
      const { streams } = await client.request('chat.active', {});
      for (const s of streams) if (messages.some((m) => m.id === s.messageId)) join(s);
    };

    const started = (start: StreamStart): void => {
      setStream(
        createStream({
          streamId: start.streamId,
          conversationId: start.conversationId,
          messageId: start.assistantMessage.id,
        }),
      );
      if (get().conversationId === start.conversationId) {
        set((s) => ({ messages: placeStreamStart(s.messages, start) }));
        void get().refreshBranches();
      }
      for (const event of early.take(start.streamId)) get().receive(event);
    };

    const runStart = async (
      conversationId: string,
      request: () => Promise<StreamStart>,
    ): Promise<boolean> => {
      startsInFlight.set(conversationId, (startsInFlight.get(conversationId) ?? 0) + 1);
      set({ sending: true, error: null });
      try {
        started(await request());
        void conversations.getState().refresh();
        return true;
      } catch (error) {
        set({ error: toShownError(error) });
        return false;
      } finally {
        const left = (startsInFlight.get(conversationId) ?? 1) - 1;
        if (left > 0) startsInFlight.set(conversationId, left);
        else startsInFlight.delete(conversationId);
        set({ sending: false });
      }
    };

    const finish = (event: ChatDoneEvent | ChatErrorEvent, message: Message): void => {
      dropStream(event.streamId);
      if (message.stats?.tokensPerSecond != null)
        set({ lastReplyTps: message.stats.tokensPerSecond });
      if (get().conversationId === event.conversationId) {
        const result = replaceMessage(get().messages, message);
        if (result.found) set({ messages: result.messages });
        else void reloadMessages(event.conversationId);
        void get().refreshBranches();
      }
      void conversations.getState().refresh();
    };

    return {
      conversationId: null,
      messages: [],
      conversation: null,
      branches: {},
      focus: null,
      loading: false,
      error: null,
      streams: {},
      sending: false,
      lastReplyTps: null,
      draft: '',
      setDraft: (draft) => set({ draft }),

      async open(id) {
        if (id === get().conversationId && !get().error) return;
        const ticket = ++openTicket;
        set({
          conversationId: id,
          messages: [],
          conversation: null,
          branches: {},
          loading: id !== null,
          error: null,
        });
        conversations.getState().setSelected(id);
        if (id) await reloadMessages(id, ticket);
      },

      openNew(conversation) {
        ++openTicket;
        set({
          conversationId: conversation.id,
          messages: [],
          conversation,
          branches: {},
          loading: false,
          error: null,
        });
        conversations.getState().setSelected(conversation.id);
      },

      async send(content) {
        if (!content.trim() || get().sending) return false;
        let id = get().conversationId;
        if (!id) {
          try {
            const conversation = await conversations.getState().create();
            get().openNew(conversation);
            id = conversation.id;
          } catch (error) {
            set({ error: toShownError(error) });
            return false;
          }
        }
        const conversationId = id;
        return runStart(conversationId, () =>
          client.request('chat.send', { conversationId, content }),
        );
      },

      async regenerate() {
        const conversationId = get().conversationId;
        if (!conversationId || get().sending || streamOf(get(), conversationId)) return;
        await runStart(conversationId, () => client.request('chat.regenerate', { conversationId }));
      },

      start: (conversationId, request) => runStart(conversationId, request),

      ...viewActions(client, set, get),

      async stop() {
        const stream = streamOf(get(), get().conversationId);
        if (!stream) return;
        try {
          await client.request('chat.stop', { streamId: stream.streamId });
        } catch (error) {
          set({ error: toShownError(error) });
        }
      },

      async reattach() {
        const { streams } = await client.request('chat.active', {});
        for (const s of streams) join(s);
        return streams;
      },

      conversationDeleted(id) {
        if (get().conversationId !== id) return;
        const next = conversations.getState().items.find((c) => c.id !== id);
        void get().open(next?.id ?? null);
      },

      receive(event) {
        const known = get().streams[event.data.streamId];
        const waiting = (startsInFlight.get(event.data.conversationId) ?? 0) > 0;
        if (!known && waiting) {
          early.hold(event);
          return;
        }
        if (event.kind === 'done') return finish(event.data, event.data.message);
        if (event.kind === 'error') {
          const m = event.data.message;
          return finish(event.data, m.error ? m : { ...m, error: event.data.error.message });
        }
        onDelta(event.data, known);
      },

      clearError: () => set({ error: null }),
    };

    function onDelta(delta: ChatDeltaEvent, known: StreamState | undefined): void {
      if (!known) {
        // Someone else's stream (another window, or one started before a reload).
        const { streamId, conversationId, messageId } = delta;
        const joined = createStream({ streamId, conversationId, messageId }, true);
        setStream(applyDelta(joined, delta, Date.now()).state);
        void attach(delta.streamId);
        const shown = get().conversationId === delta.conversationId;
        if (shown && !get().messages.some((m) => m.id === delta.messageId)) {
          void reloadMessages(delta.conversationId);
        }
        return;
      }
      const outcome = applyDelta(known, delta, Date.now());
      setStream(outcome.state);
      if (outcome.needsAttach) void attach(delta.streamId);
    }
  });
}
