import { useEffect } from 'react';
import { navigate, parseRoute } from './router';
import type { Stores } from './stores';

/**
 * Keeps the shown conversation and the `#/chat/<id>` route in step: opening a chat (sidebar,
 * search, palette, shortcut) puts its id in the URL, and a typed, pasted or back/forward URL
 * opens that chat.
 */
export function useChatRoute(stores: Stores): void {
  useEffect(() => {
    const { chat } = stores;
    const fromUrl = (): void => {
      const route = parseRoute(window.location.hash);
      if (route.screen !== 'chat' || !route.conversationId) return;
      if (route.conversationId !== chat.getState().conversationId) {
        void chat.getState().open(route.conversationId);
      }
    };
    const toUrl = (id: string | null): void => {
      const route = parseRoute(window.location.hash);
      if (route.screen === 'chat' && route.conversationId === id) return;
      // The first id replaces a bare "#/chat", so Back does not land on an empty pane.
      const bare = route.screen === 'chat' && route.conversationId === null;
      navigate({ screen: 'chat', conversationId: id }, { replace: bare });
    };
    const current = chat.getState().conversationId;
    if (parseRoute(window.location.hash).screen === 'chat' && current) toUrl(current);
    const unsubscribe = chat.subscribe((state, prev) => {
      if (state.conversationId !== prev.conversationId) toUrl(state.conversationId);
    });
    window.addEventListener('hashchange', fromUrl);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', fromUrl);
    };
  }, [stores]);
}
