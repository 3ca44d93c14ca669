import { useChat } from '../../app/stores';
import { Spinner } from '../../components/Spinner';
import { LoadFailure } from '../models/LoadFailure';
import { Composer } from './Composer';
import { EmptyChat } from './EmptyChat';
import { MessageList } from './MessageList';

/** The main pane below the header: messages (or the empty state) and the composer. */
export function ChatView({ offline }: { offline: boolean }) {
  const loading = useChat((s) => s.loading);
  const empty = useChat((s) => s.messages.length === 0);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {loading ? (
        <div
          className="flex flex-1 items-center justify-center text-subtle"
          aria-label="Loading chat"
        >
          <Spinner size={18} />
        </div>
      ) : empty ? (
        <EmptyChat />
      ) : (
        <>
          <MessageList />
          <div className="mx-auto w-full max-w-3xl px-6">
            <LoadFailure compact />
          </div>
        </>
      )}
      <Composer disabled={offline} />
    </div>
  );
}
