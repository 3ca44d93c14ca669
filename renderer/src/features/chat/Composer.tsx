import { useLayoutEffect, useRef } from 'react';
import { useChat, useModels, useStores } from '../../app/stores';
import { Button, Kbd } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { streamOf } from './chatStore';
import { ContextMeter } from './ContextMeter';
import { COMPOSER_ID } from './focusComposer';
import { branchPosition } from './branches';
import { longInputWarning } from './longInput';
import { isSwipeKey } from './swipeKeys';
import { runSwipe } from './useSwipeKeys';
import { ImpersonateButton } from '../roleplay/ImpersonateButton';
import { useRoleplay } from '../roleplay/useRoleplay';

const MAX_HEIGHT_PX = 220;

export function Composer({ disabled }: { disabled: boolean }) {
  const stores = useStores();
  const { chat, models } = stores;
  const draft = useChat((s) => s.draft);
  const sending = useChat((s) => s.sending);
  const streaming = useChat((s) => streamOf(s, s.conversationId) !== null);
  const error = useChat((s) => s.error);
  const hasModel = useModels((s) => s.status?.model != null);
  const contextSize = useModels((s) => s.status?.model?.contextSize ?? null);
  const tooLong = longInputWarning(draft, contextSize);
  // The model writes the draft while impersonating; typing then would be overwritten.
  const drafting = useRoleplay((s) => s.impersonating !== null);
  // The last message has versions to swipe through with ← / →.
  const swipeable = useChat((s) => {
    const last = s.messages.findLast((m) => m.role !== 'system');
    return last !== undefined && branchPosition(s.branches, last) !== null;
  });
  const ref = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [draft]);

  const canSend =
    !disabled && hasModel && !sending && !streaming && !drafting && draft.trim().length > 0;

  const send = async (confirmed = false): Promise<void> => {
    if (!canSend) return;
    if (tooLong && !confirmed) {
      stores.ui.getState().ask({
        title: 'Send a message longer than the context?',
        body: tooLong,
        confirmLabel: 'Send anyway',
        onConfirm: () => send(true),
      });
      return;
    }
    const text = draft;
    chat.getState().setDraft('');
    const ok = await chat.getState().send(text);
    // Give the text back rather than lose it when the request failed.
    if (!ok && !chat.getState().draft) chat.getState().setDraft(text);
  };

  return (
    <div className="mx-auto w-full max-w-3xl px-6 pb-4">
      {tooLong && (
        <div
          data-testid="long-input-warning"
          role="status"
          className="mb-2 flex items-start gap-2 rounded-lg border border-warn/35 bg-warn-soft px-3 py-2 text-xs text-warn"
        >
          <Icon name="alert" size={14} className="mt-px shrink-0" />
          <span className="flex-1 [overflow-wrap:anywhere]">{tooLong}</span>
        </div>
      )}
      {error && (
        <div
          role="alert"
          className="mb-2 flex items-start gap-2 rounded-lg border border-danger/30 bg-danger-soft px-3 py-2 text-xs text-danger"
        >
          <Icon name="alert" size={14} className="mt-px shrink-0" />
          <span className="flex-1 [overflow-wrap:anywhere]">
            <span title={error.code}>{error.message}</span>
          </span>
          <button
            type="button"
            aria-label="Dismiss error"
            onClick={() => chat.getState().clearError()}
            className="rounded opacity-70 hover:opacity-100 focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:outline-none"
          >
            <Icon name="x" size={14} />
          </button>
        </div>
      )}
      <div className="rounded-xl border border-line-strong/70 bg-raised shadow-sm transition-colors focus-within:border-accent/60 focus-within:ring-3 focus-within:ring-accent/15">
        <label htmlFor={COMPOSER_ID} className="sr-only">
          Message
        </label>
        <textarea
          id={COMPOSER_ID}
          ref={ref}
          data-testid="composer"
          rows={1}
          value={draft}
          disabled={disabled}
          readOnly={drafting}
          aria-busy={drafting}
          placeholder={
            drafting
              ? 'Drafting your next line…'
              : hasModel
                ? 'Send a message…'
                : 'Load a model to start chatting…'
          }
          onChange={(e) => chat.getState().setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            } else if (e.key === 'Escape' && streaming) {
              e.preventDefault();
              void chat.getState().stop();
            } else if (draft === '' && isSwipeKey(e.nativeEvent) && runSwipe(stores, e.key)) {
              e.preventDefault();
            }
          }}
          className="msg-text block max-h-[220px] w-full resize-none bg-transparent px-3.5 pt-3 pb-1 leading-relaxed text-fg outline-none placeholder:text-subtle disabled:opacity-60"
        />
        <div className="flex items-center justify-between gap-2 pr-2 pb-2 pl-3.5">
          <div className="flex items-center gap-1.5 text-[11px] text-subtle">
            {hasModel ? (
              <>
                <Kbd>Enter</Kbd> send <Kbd>Shift+Enter</Kbd> new line
                {streaming && (
                  <>
                    <Kbd>Esc</Kbd> stop
                  </>
                )}
                {!streaming && swipeable && draft === '' && (
                  <>
                    <Kbd>←</Kbd>
                    <Kbd>→</Kbd> swipe
                  </>
                )}
              </>
            ) : (
              <button
                type="button"
                onClick={() => models.getState().openDialog()}
                className="text-accent-text hover:underline focus-visible:underline focus-visible:outline-none"
              >
                Load a model…
              </button>
            )}
          </div>
          <div className="ml-auto flex items-center gap-2">
            <ContextMeter />
            <ImpersonateButton disabled={disabled || !hasModel || sending || streaming} />
            {streaming ? (
              <Button
                variant="secondary"
                size="sm"
                data-testid="stop"
                aria-label="Stop generating"
                title="Stop generating (Esc)"
                onClick={() => void chat.getState().stop()}
              >
                <span className="h-2.5 w-2.5 rounded-[2px] bg-current" aria-hidden="true" />
                Stop
              </Button>
            ) : (
              <Button
                variant="primary"
                size="sm"
                data-testid="send"
                aria-label="Send message"
                title="Send (Enter)"
                disabled={!canSend}
                onClick={() => void send()}
              >
                Send
                <Icon name="send" size={13} />
              </Button>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
