import { useEffect } from 'react';
import { useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { hasModifier, MOD_KEY } from '../../components/shortcuts';
import { useCast, useRoleplay } from './useRoleplay';

/** Ctrl+Shift+I opens the developer tools in Chromium and Electron, so E it is. */
export const IMPERSONATE_KEY = 'e';
export const IMPERSONATE_HINT = `${MOD_KEY}+Shift+E`;

/**
 * The composer's Impersonate action, offered in character chats: the model drafts the user's
 * next line into the composer (streamed), to be edited and sent. Turns into Stop while drafting.
 */
export function ImpersonateButton({ disabled }: { disabled: boolean }) {
  const { roleplay } = useStores();
  const cast = useCast();
  const drafting = useRoleplay((s) => s.impersonating !== null);
  const available = cast?.character != null;

  useEffect(() => {
    if (!available) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (!hasModifier(e) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== IMPERSONATE_KEY)
        return;
      e.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      const state = roleplay.getState();
      if (state.impersonating) void state.stopImpersonation();
      else if (!disabled) void state.impersonate();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [available, disabled, roleplay]);

  if (!available) return null;
  if (drafting) {
    return (
      <Button
        size="sm"
        data-testid="impersonate-stop"
        aria-label="Stop drafting"
        title={`Stop drafting (${IMPERSONATE_HINT})`}
        onClick={() => void roleplay.getState().stopImpersonation()}
      >
        <span className="h-2.5 w-2.5 rounded-[2px] bg-current" aria-hidden="true" />
        Stop drafting
      </Button>
    );
  }
  return (
    <Button
      size="sm"
      variant="ghost"
      data-testid="impersonate"
      aria-label="Impersonate"
      title={`Impersonate — let the model draft your next line (${IMPERSONATE_HINT})`}
      disabled={disabled}
      onClick={() => void roleplay.getState().impersonate()}
    >
      <Icon name="pencil" size={13} />
      Impersonate
    </Button>
  );
}
