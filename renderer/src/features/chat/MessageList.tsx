import { useCallback, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useChat, useStores } from '../../app/stores';
import { Icon } from '../../components/Icon';
import { streamOf } from './chatStore';
import { MessageItem } from './MessageItem';
import { regenerableMessageId } from './messageOps';
import { useAutoScroll } from './useAutoScroll';

export function MessageList() {
  const { chat } = useStores();
  const { messages, conversationId } = useChat(
    useShallow((s) => ({ messages: s.messages, conversationId: s.conversationId })),
  );
  const stream = useChat((s) => streamOf(s, s.conversationId));
  const busy = useChat((s) => s.sending);
  const ref = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const streaming = stream !== null;
  const regenerableId = streaming || busy ? null : regenerableMessageId(messages);
  const regenerate = useCallback(() => void chat.getState().regenerate(), [chat]);
  // Re-pin on a new conversation and whenever a message is added (the user's own send).
  const { following, onScroll, scrollToBottom } = useAutoScroll(
    ref,
    contentRef,
    `${messages.length}:${stream?.text.length ?? 0}`,
    `${conversationId}:${messages.length}`,
  );

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={ref}
        onScroll={onScroll}
        role="log"
        aria-live="polite"
        aria-busy={streaming}
        aria-label="Messages"
        className="h-full overflow-y-auto"
      >
        <div ref={contentRef} className="mx-auto flex max-w-3xl flex-col gap-7 px-6 pt-6 pb-8">
          {messages
            .filter((m) => m.role !== 'system')
            .map((m) => (
              <MessageItem
                key={m.id}
                message={m}
                canRegenerate={m.id === regenerableId}
                onRegenerate={regenerate}
              />
            ))}
        </div>
      </div>
      {!following && (
        <button
          type="button"
          onClick={scrollToBottom}
          aria-label="Jump to latest"
          className="absolute bottom-3 left-1/2 flex -translate-x-1/2 items-center gap-1.5 rounded-full border border-line bg-raised px-3 py-1 text-xs text-muted shadow-md hover:text-fg focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:outline-none"
        >
          <Icon name="arrowDown" size={13} />
          {streaming ? 'Following reply' : 'Jump to latest'}
        </button>
      )}
    </div>
  );
}
