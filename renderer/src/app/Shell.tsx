import { CharactersScreen } from '../features/characters/CharactersScreen';
import { ChatView } from '../features/chat/ChatView';
import { Sidebar } from '../features/conversations/Sidebar';
import { useNewChat } from '../features/conversations/useNewChat';
import { LibraryProvider } from '../features/library/LibraryProvider';
import { ModelsScreen } from '../features/library/ModelsScreen';
import { NavRail } from '../features/library/NavRail';
import { ModelDialog } from '../features/models/ModelDialog';
import { StatusBar } from '../features/models/StatusBar';
import { ChatHeader } from './ChatHeader';
import { ChatOverlays } from './ChatOverlays';
import { ConnectionLostBanner } from './ConnectionLostBanner';
import { useRoute } from './router';
import { useStores, useUi } from './stores';
import { useShortcuts } from './useShortcuts';
import { useUnsavedGuard } from './useUnsavedGuard';

/** The app frame once connected: sidebar, chat pane, status bar and the dialogs. */
export function Shell({ connectionLost }: { connectionLost: boolean }) {
  const stores = useStores();
  const newChat = useNewChat();
  useShortcuts(stores, newChat);
  useUnsavedGuard(stores);
  const route = useRoute();
  const onChat = route.screen === 'chat';
  const sidebarCollapsed = useUi((s) => s.sidebarCollapsed);
  return (
    <LibraryProvider>
      <div className="flex h-full flex-col bg-canvas text-fg">
        {connectionLost && <ConnectionLostBanner />}
        <div className="flex min-h-0 flex-1">
          <NavRail />
          {/* The chat stays mounted behind the models screen, so its scroll and streams survive. */}
          <div className="flex min-w-0 flex-1" hidden={!onChat}>
            {!sidebarCollapsed && <Sidebar />}
            <main className="flex min-w-0 flex-1 flex-col" aria-label="Chat">
              <ChatHeader />
              <ChatView offline={connectionLost} />
            </main>
          </div>
          {route.screen === 'models' && <ModelsScreen repoId={route.repoId} />}
          {(route.screen === 'characters' || route.screen === 'lorebooks') && (
            <CharactersScreen route={route} />
          )}
        </div>
        <StatusBar disconnected={connectionLost} />
        <ModelDialog />
        <ChatOverlays />
      </div>
    </LibraryProvider>
  );
}
