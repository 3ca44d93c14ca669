export const COMPOSER_ID = 'composer-input';

/** Puts the caret in the composer (after New chat, a suggestion, or closing a dialog). */
export function focusComposer(): void {
  requestAnimationFrame(() => document.getElementById(COMPOSER_ID)?.focus());
}
