import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';

export type Theme = 'light' | 'dark';
/** What the user picked: a theme, or null to follow the system. */
export type ThemeChoice = Theme | null;

export const THEME_SETTING = 'ui.theme';
export const FONT_SIZE_SETTING = 'ui.fontSize';
/** Mirrors the settings so the first paint after a reload already has the right look. */
const THEME_CACHE = 'talaria.theme';
const FONT_CACHE = 'talaria.fontSize';

/** Message text sizes in px; 14 is the default. */
export const FONT_SIZES = [13, 14, 15, 16, 18] as const;
export type FontSize = (typeof FONT_SIZES)[number];
export const DEFAULT_FONT_SIZE: FontSize = 14;

export interface SettingsState {
  /** The user's explicit choice; null follows the system. */
  themeChoice: ThemeChoice;
  systemTheme: Theme;
  fontSize: FontSize;
  init(): Promise<void>;
  toggleTheme(): void;
  setTheme(choice: ThemeChoice): void;
  setFontSize(size: FontSize): void;
  /** One step bigger (+1) or smaller (-1). */
  stepFontSize(step: 1 | -1): void;
  setSystemTheme(theme: Theme): void;
}

export type SettingsStore = StoreApi<SettingsState>;

export function resolvedTheme(state: Pick<SettingsState, 'themeChoice' | 'systemTheme'>): Theme {
  return state.themeChoice ?? state.systemTheme;
}

function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark';
}

export function isFontSize(value: unknown): value is FontSize {
  return FONT_SIZES.includes(value as FontSize);
}

function readCache(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeCache(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable (private mode); the setting on the server still holds.
  }
}

export function cachedTheme(): Theme | null {
  const value = readCache(THEME_CACHE);
  return isTheme(value) ? value : null;
}

export function cachedFontSize(): FontSize {
  const value = Number(readCache(FONT_CACHE));
  return isFontSize(value) ? value : DEFAULT_FONT_SIZE;
}

export function createSettingsStore(client: TalariaClient, systemTheme: Theme): SettingsStore {
  const save = (key: string, value: unknown): void => {
    void client.request('settings.set', { key, value }).catch(() => undefined);
  };
  return createStore<SettingsState>()((set, get) => ({
    themeChoice: cachedTheme(),
    systemTheme,
    fontSize: cachedFontSize(),

    async init() {
      const [theme, font] = await Promise.all([
        client.request('settings.get', { key: THEME_SETTING }),
        client.request('settings.get', { key: FONT_SIZE_SETTING }),
      ]);
      const themeChoice = isTheme(theme.value) ? theme.value : null;
      const fontSize = isFontSize(font.value) ? font.value : DEFAULT_FONT_SIZE;
      writeCache(THEME_CACHE, themeChoice);
      writeCache(FONT_CACHE, String(fontSize));
      set({ themeChoice, fontSize });
    },

    toggleTheme() {
      get().setTheme(resolvedTheme(get()) === 'dark' ? 'light' : 'dark');
    },

    setTheme(choice) {
      set({ themeChoice: choice });
      writeCache(THEME_CACHE, choice);
      save(THEME_SETTING, choice);
    },

    setFontSize(fontSize) {
      set({ fontSize });
      writeCache(FONT_CACHE, String(fontSize));
      save(FONT_SIZE_SETTING, fontSize);
    },

    stepFontSize(step) {
      const at = FONT_SIZES.indexOf(get().fontSize);
      const next = FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, at + step))];
      if (next !== undefined) get().setFontSize(next);
    },

    setSystemTheme: (theme) => set({ systemTheme: theme }),
  }));
}
