import { parseRoute } from './router';
import type { Stores } from './stores';

const SELECTED_KEY = 'talaria.conversation';

function readSelected(): string | null {
  try {
    return sessionStorage.getItem(SELECTED_KEY);
  } catch {
    return null;
  }
}

/**
 * Loads what the first screen needs, re-joins streams that survived a page reload, and opens
 * the conversation to show: a streaming one first, then the one shown before the reload.
 */
export async function bootstrap(stores: Stores): Promise<void> {
  const { chat, conversations, models, settings } = stores;
  await Promise.all([
    models.getState().init(),
    conversations.getState().refresh(),
    settings
      .getState()
      .init()
      .catch(() => undefined),
  ]);
  const active = await chat
    .getState()
    .reattach()
    .catch(() => []);
  const items = conversations.getState().items;
  const route = parseRoute(window.location.hash);
  const linked = route.screen === 'chat' ? route.conversationId : null;
  const previous = readSelected();
  // A link (#/chat/<id>) wins; it may name a conversation beyond the loaded page.
  const target =
    linked ??
    active[0]?.conversationId ??
    (previous && items.some((i) => i.id === previous) ? previous : null) ??
    items[0]?.id ??
    null;
  void chat.getState().open(target);
  chat.subscribe((state, prev) => {
    if (state.conversationId === prev.conversationId) return;
    try {
      if (state.conversationId) sessionStorage.setItem(SELECTED_KEY, state.conversationId);
      else sessionStorage.removeItem(SELECTED_KEY);
    } catch {
      // Without session storage a reload simply opens the most recent chat.
    }
  });
}
