/** The modifier key name to show in hints on this platform. */
export const MOD_KEY = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** Ctrl on Windows/Linux, Cmd on macOS. */
export function hasModifier(e: KeyboardEvent): boolean {
  return e.ctrlKey || e.metaKey;
}
