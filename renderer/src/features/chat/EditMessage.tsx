import { useLayoutEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button';

/** Inline editor for a user message: Enter (or the button) sends it as a new branch. */
export function EditMessage({
  initial,
  onCancel,
  onSend,
}: {
  initial: string;
  onCancel: () => void;
  onSend: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 320)}px`;
  }, [text]);
  const canSend = text.trim().length > 0;
  return (
    <div className="w-full max-w-[85%] rounded-2xl border border-accent/50 bg-raised p-2 shadow-sm ring-3 ring-accent/10">
      <textarea
        ref={ref}
        data-testid="edit-input"
        aria-label="Edit message"
        autoFocus
        value={text}
        onFocus={(e) => e.currentTarget.setSelectionRange(text.length, text.length)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && canSend) {
            e.preventDefault();
            onSend(text);
          }
        }}
        className="msg-text block w-full resize-none bg-transparent px-1.5 py-1 leading-relaxed text-fg outline-none"
      />
      <div className="mt-1 flex items-center justify-end gap-2">
        <span className="mr-auto pl-1.5 text-[11px] text-subtle">
          Sends as a new version; the original stays.
        </span>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button
          size="sm"
          variant="primary"
          data-testid="edit-send"
          disabled={!canSend}
          onClick={() => onSend(text)}
        >
          Save & send
        </Button>
      </div>
    </div>
  );
}
