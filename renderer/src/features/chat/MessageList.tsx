import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useChat, useStores } from '../../app/stores';
import { Icon } from '../../components/Icon';
import { streamOf } from './chatStore';
import { MessageItem } from './MessageItem';
import { estimateRowHeight } from './rowEstimate';
import { useSwipeKeys } from './useSwipeKeys';

/** Within this distance of the end the list counts as following the conversation. */
const FOLLOW_THRESHOLD_PX = 48;
const FLASH_MS = 2200;

/**
 * The shown branch, virtualized: only the rows near the viewport exist in the DOM, measured as
 * they render, so a 10,000-message conversation opens and scrolls like a short one. Anchored to
 * the end: while the reader is at the bottom, a growing reply or a new message keeps it there.
 */
export function MessageList() {
  useSwipeKeys(useStores());
  const { messages, conversationId, branches, focus } = useChat(
    useShallow((s) => ({
      messages: s.messages,
      conversationId: s.conversationId,
      branches: s.branches,
      focus: s.focus,
    })),
  );
  const streaming = useChat((s) => streamOf(s, s.conversationId) !== null);
  const sending = useChat((s) => s.sending);
  const busy = streaming || sending;
  const visible = useMemo(() => messages.filter((m) => m.role !== 'system'), [messages]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const [flashId, setFlashId] = useState<string | null>(null);

  // Stable callbacks: the virtualizer recomputes every row's position when they change.
  const estimates = useMemo(() => visible.map(estimateRowHeight), [visible]);
  const estimateSize = useCallback((i: number) => estimates[i] ?? 80, [estimates]);
  const getItemKey = useCallback((i: number) => visible[i]?.id ?? i, [visible]);
  const getScrollElement = useCallback(() => scrollRef.current, []);

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: 4,
    gap: 20,
    paddingStart: 24,
    paddingEnd: 32,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: FOLLOW_THRESHOLD_PX,
    directDomUpdates: true,
  });

  // A newly opened conversation starts at its latest message.
  useLayoutEffect(() => {
    virtualizer.scrollToEnd();
    setAtEnd(true);
  }, [conversationId, virtualizer]);

  // Sending re-pins to the bottom, as the user expects to see their own message.
  const lastUserId = visible.findLast((m) => m.role === 'user')?.id;
  useEffect(() => {
    if (sending) virtualizer.scrollToEnd();
  }, [sending, lastUserId, virtualizer]);

  useEffect(() => {
    if (!focus) return;
    const index = visible.findIndex((m) => m.id === focus.messageId);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'center' });
    setAtEnd(false);
    setFlashId(focus.messageId);
    const timer = setTimeout(() => setFlashId(null), FLASH_MS);
    return () => clearTimeout(timer);
    // Only a new focus request scrolls; later message changes must not re-scroll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus, virtualizer]);

  const onScroll = useCallback(() => {
    const end = virtualizer.isAtEnd(FOLLOW_THRESHOLD_PX);
    setAtEnd((prev) => (prev === end ? prev : end));
  }, [virtualizer]);

  const items = virtualizer.getVirtualItems();
  const lastId = visible.at(-1)?.id;
  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        role="log"
        aria-live="polite"
        aria-busy={streaming}
        aria-label="Messages"
        data-testid="message-list"
        className="h-full overflow-y-auto [overflow-anchor:none]"
      >
        <div ref={virtualizer.containerRef} className="relative mx-auto w-full max-w-3xl">
          {items.map((row) => {
            const m = visible[row.index];
            if (!m) return null;
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="absolute top-0 left-0 w-full px-6"
              >
                <MessageItem
                  message={m}
                  siblings={branches[m.parentId ?? '']}
                  isLast={m.id === lastId}
                  busy={busy}
                  flash={m.id === flashId}
                />
              </div>
            );
          })}
        </div>
      </div>
      {!atEnd && (
        <button
          type="button"
          onClick={() => {
            virtualizer.scrollToEnd();
            setAtEnd(true);
          }}
          aria-label="Jump to latest"
          data-testid="jump-latest"
          className="absolute bottom-3 left-1/2 flex -translate-x-1/2 items-center gap-1.5 rounded-full border border-line bg-raised px-3 py-1 text-xs text-muted shadow-md hover:text-fg focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:outline-none"
        >
          <Icon name="arrowDown" size={13} />
          {streaming ? 'Following reply' : 'Jump to latest'}
        </button>
      )}
    </div>
  );
}
