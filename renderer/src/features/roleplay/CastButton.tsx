import { useCallback, useRef, useState } from 'react';
import { Avatar } from '../../components/Avatar';
import { focusRing } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { castSummary } from './castDisplay';
import { Popover } from './Popover';
import { SetupPanel } from './SetupPanel';
import { useCast } from './useRoleplay';

/**
 * The chat header's cast control: who the chat is with and as whom the user speaks. Opens the
 * conversation setup (preset, character, persona, lorebooks).
 */
export function CastButton({ conversationId }: { conversationId: string }) {
  const cast = useCast();
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const names = castSummary(cast);
  const character = cast?.character ?? null;
  const persona = cast?.persona ?? null;
  return (
    <>
      <button
        ref={anchor}
        type="button"
        data-testid="cast-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={`Conversation setup: ${names.character}, you are ${names.persona}`}
        title="Conversation setup: preset, character, persona, lorebooks"
        onClick={() => setOpen((v) => !v)}
        className={`flex h-8 max-w-72 min-w-0 items-center gap-1.5 rounded-full border py-0.5 pr-2 pl-0.5 text-[12.5px] transition-colors ${
          open ? 'border-accent/50 bg-accent-soft' : 'border-line hover:bg-hover'
        } ${focusRing}`}
      >
        {character ? (
          <Avatar name={character.name} src={character.avatar} size={26} />
        ) : (
          <span className="flex h-[26px] w-[26px] shrink-0 items-center justify-center rounded-full border border-dashed border-line-strong text-subtle">
            <Icon name="chat" size={13} />
          </span>
        )}
        <span
          data-testid="cast-character"
          className={`truncate font-medium ${character ? 'text-fg' : 'text-muted'}`}
        >
          {names.character}
        </span>
        {persona && (
          <>
            <span className="shrink-0 text-subtle" aria-hidden="true">
              ·
            </span>
            <Avatar name={persona.name} src={persona.avatar} size={18} />
            <span data-testid="cast-persona" className="truncate text-muted">
              {persona.name}
            </span>
          </>
        )}
        <Icon name="chevronDown" size={13} className="shrink-0 text-subtle" />
      </button>
      {open && (
        <Popover
          anchor={anchor}
          label="Conversation setup"
          width={380}
          onClose={close}
          testId="setup-panel"
        >
          <SetupPanel conversationId={conversationId} onClose={close} />
        </Popover>
      )}
    </>
  );
}
