import { useSyncExternalStore } from 'react';

/**
 * The app's screens as stable hash routes (`#/chat/<id>`, `#/models`, `#/models/<owner>/<repo>`),
 * so a reload or a shared link opens the same place. Feature folders add their screen here.
 */
export type Route =
  { screen: 'chat'; conversationId: string | null } | { screen: 'models'; repoId: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'models') {
    return { screen: 'models', repoId: parts.length >= 3 ? `${parts[1]}/${parts[2]}` : null };
  }
  return { screen: 'chat', conversationId: parts[0] === 'chat' ? (parts[1] ?? null) : null };
}

export function routeHash(route: Route): string {
  if (route.screen === 'models') {
    return route.repoId
      ? `#/models/${route.repoId.split('/').map(encodeURIComponent).join('/')}`
      : '#/models';
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
