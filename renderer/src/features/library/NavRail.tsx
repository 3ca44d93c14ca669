import { navigate, useRoute } from '../../app/router';
import { useStores } from '../../app/stores';
import type { ReactNode } from 'react';
import { focusRing } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { isActive } from './libraryFormat';
import { useDownloads } from './LibraryProvider';

function RailButton({
  label,
  active,
  onClick,
  badge,
  children,
  testId,
}: {
  label: string;
  active: boolean;
  onClick: () => void;
  badge?: number;
  children: ReactNode;
  testId: string;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={label}
      aria-current={active ? 'page' : undefined}
      title={label}
      onClick={onClick}
      className={`relative flex w-14 flex-col items-center gap-0.5 rounded-lg py-1.5 text-[10px] font-medium transition-colors ${focusRing} ${
        active ? 'bg-accent-soft text-accent-text' : 'text-subtle hover:bg-hover hover:text-fg'
      }`}
    >
      {children}
      {label}
      {badge !== undefined && badge > 0 && (
        <span className="absolute top-0.5 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-accent px-1 text-[9px] leading-none font-semibold text-white tabular-nums">
          {badge}
        </span>
      )}
    </button>
  );
}

/** The narrow rail that switches between the chat, characters and models screens. */
export function NavRail() {
  const route = useRoute();
  const { chat } = useStores();
  const active = useDownloads((s) => Object.values(s.jobs).filter(isActive).length);
  return (
    <nav
      aria-label="Screens"
      className="flex w-15 shrink-0 flex-col items-center gap-1 border-r border-line bg-panel pt-2"
    >
      <RailButton
        testId="nav-chat"
        label="Chat"
        active={route.screen === 'chat'}
        onClick={() =>
          navigate({ screen: 'chat', conversationId: chat.getState().conversationId ?? null })
        }
      >
        <Icon name="chat" size={18} />
      </RailButton>
      <RailButton
        testId="nav-characters"
        label="Characters"
        active={route.screen === 'characters' || route.screen === 'lorebooks'}
        onClick={() => navigate({ screen: 'characters', characterId: null })}
      >
        <Icon name="users" size={18} />
      </RailButton>
      <RailButton
        testId="nav-models"
        label="Models"
        active={route.screen === 'models'}
        badge={active}
        onClick={() => navigate({ screen: 'models', repoId: null })}
      >
        <Icon name="box" size={18} />
      </RailButton>
    </nav>
  );
}
