import { useSyncExternalStore } from 'react';

/**
 * The app's screens as stable hash routes (`#/chat/<id>`, `#/models`, `#/models/<owner>/<repo>`,
 * `#/characters/<id>`, `#/lorebooks/<id>`), so a reload or a shared link opens the same place.
 * Feature folders add their screen here.
 */
export type Route =
  | { screen: 'chat'; conversationId: string | null }
  | { screen: 'models'; repoId: string | null }
  /** The character gallery, or one character's editor (`new` for an unsaved one). */
  | { screen: 'characters'; characterId: string | null }
  /** The standalone lorebooks, or one lorebook's editor. */
  | { screen: 'lorebooks'; lorebookId: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'models') {
    return { screen: 'models', repoId: parts.length >= 3 ? `${parts[1]}/${parts[2]}` : null };
  }
  if (parts[0] === 'characters') return { screen: 'characters', characterId: parts[1] ?? null };
  if (parts[0] === 'lorebooks') return { screen: 'lorebooks', lorebookId: parts[1] ?? null };
  return { screen: 'chat', conversationId: parts[0] === 'chat' ? (parts[1] ?? null) : null };
}

export function routeHash(route: Route): string {
  if (route.screen === 'models') {
    return route.repoId
      ? `#/models/${route.repoId.split('/').map(encodeURIComponent).join('/')}`
      : '#/models';
  }
  if (route.screen === 'characters') {
    return route.characterId
      ? `#/characters/${encodeURIComponent(route.characterId)}`
      : '#/characters';
  }
  if (route.screen === 'lorebooks') {
    return route.lorebookId ? `#/lorebooks/${encodeURIComponent(route.lorebookId)}` : '#/lorebooks';
  }
  return route.conversationId ? `#/chat/${encodeURIComponent(route.conversationId)}` : '#/chat';
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  if (options.replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const currentHash = (): string => window.location.hash;

/** The current route; re-renders on hash changes. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash));
}
