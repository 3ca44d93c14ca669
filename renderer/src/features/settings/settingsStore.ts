import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';

export type Theme = 'light' | 'dark';

export const THEME_SETTING = 'ui.theme';
/** Mirrors the setting so the first paint after a reload already has the right colours. */
const THEME_CACHE = 'talaria.theme';

export interface SettingsState {
  /** The user's explicit choice; null follows the system. */
  themeChoice: Theme | null;
  systemTheme: Theme;
  init(): Promise<void>;
  toggleTheme(): void;
  setSystemTheme(theme: Theme): void;
}

export type SettingsStore = StoreApi<SettingsState>;

export function resolvedTheme(state: Pick<SettingsState, 'themeChoice' | 'systemTheme'>): Theme {
  return state.themeChoice ?? state.systemTheme;
}

function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark';
}

export function cachedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_CACHE);
    return isTheme(value) ? value : null;
  } catch {
    return null;
  }
}

function cacheTheme(theme: Theme | null): void {
  try {
    if (theme) localStorage.setItem(THEME_CACHE, theme);
    else localStorage.removeItem(THEME_CACHE);
  } catch {
    // Storage can be unavailable (private mode); the setting on the server still holds.
  }
}

export function createSettingsStore(client: TalariaClient, systemTheme: Theme): SettingsStore {
  return createStore<SettingsState>()((set, get) => ({
    themeChoice: cachedTheme(),
    systemTheme,

    async init() {
      const { value } = await client.request('settings.get', { key: THEME_SETTING });
      const themeChoice = isTheme(value) ? value : null;
      cacheTheme(themeChoice);
      set({ themeChoice });
    },

    toggleTheme() {
      const next: Theme = resolvedTheme(get()) === 'dark' ? 'light' : 'dark';
      set({ themeChoice: next });
      cacheTheme(next);
      void client
        .request('settings.set', { key: THEME_SETTING, value: next })
        .catch(() => undefined);
    },

    setSystemTheme: (theme) => set({ systemTheme: theme }),
  }));
}
