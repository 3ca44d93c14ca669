import { useEffect, useState } from 'react';
import type { Theme } from './settingsStore';

const QUERY = '(prefers-color-scheme: dark)';

export function systemTheme(): Theme {
  return window.matchMedia(QUERY).matches ? 'dark' : 'light';
}

/** The operating system's colour scheme, following changes while the app runs. */
export function useSystemTheme(): Theme {
  const [theme, setTheme] = useState(systemTheme);
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const onChange = (): void => setTheme(media.matches ? 'dark' : 'light');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return theme;
}

/** Puts the theme class on <html>, where the colour variables switch. */
export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle('dark', theme === 'dark');
}
