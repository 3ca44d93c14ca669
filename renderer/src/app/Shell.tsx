import { ChatView } from '../features/chat/ChatView';
import { DeleteConversationDialog } from '../features/conversations/DeleteConversationDialog';
import { Sidebar } from '../features/conversations/Sidebar';
import { useNewChat } from '../features/conversations/useNewChat';
import { ModelDialog } from '../features/models/ModelDialog';
import { StatusBar } from '../features/models/StatusBar';
import { ChatHeader } from './ChatHeader';
import { ConnectionLostBanner } from './ConnectionLostBanner';
import { useStores } from './stores';
import { useShortcuts } from './useShortcuts';

/** The app frame once connected: sidebar, chat pane, status bar and the dialogs. */
export function Shell({ connectionLost }: { connectionLost: boolean }) {
  const stores = useStores();
  const newChat = useNewChat();
  useShortcuts(stores, newChat);
  return (
    <div className="flex h-full flex-col bg-canvas text-fg">
      {connectionLost && <ConnectionLostBanner />}
      <div className="flex min-h-0 flex-1">
        <Sidebar />
        <main className="flex min-w-0 flex-1 flex-col" aria-label="Chat">
          <ChatHeader />
          <ChatView offline={connectionLost} />
        </main>
      </div>
      <StatusBar disconnected={connectionLost} />
      <ModelDialog />
      <DeleteConversationDialog />
    </div>
  );
}
