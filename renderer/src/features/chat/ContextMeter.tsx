import { useShallow } from 'zustand/react/shallow';
import { useChat, useModels, useUi } from '../../app/stores';
import { contextUsage } from './contextUsage';

const BAR: Record<'ok' | 'high' | 'full', string> = {
  ok: 'bg-accent',
  high: 'bg-warn',
  full: 'bg-danger',
};

/** Context used by the last reply against the context available, as a small bar. */
export function ContextMeter() {
  const open = useUi((s) => s.open);
  const { messages, conversation } = useChat(
    useShallow((s) => ({ messages: s.messages, conversation: s.conversation })),
  );
  const loaded = useModels((s) => s.status?.model?.contextSize ?? null);
  const usage = contextUsage(messages, conversation, loaded);
  if (!usage) return null;
  const percent = Math.round(usage.fraction * 100);
  return (
    <button
      type="button"
      data-testid="context-meter"
      onClick={() => open('generation')}
      title={`Context: ${usage.used.toLocaleString()} of ${usage.size.toLocaleString()} tokens used by the last reply. Click for generation settings.`}
      className="flex items-center gap-1.5 rounded px-1 text-[11px] text-subtle tabular-nums hover:text-fg focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:outline-none"
    >
      <span
        role="meter"
        aria-label="Context used"
        aria-valuemin={0}
        aria-valuemax={usage.size}
        aria-valuenow={usage.used}
        className="h-1.5 w-14 overflow-hidden rounded-full bg-line"
      >
        <span className={`block h-full ${BAR[usage.level]}`} style={{ width: `${percent}%` }} />
      </span>
      {usage.used.toLocaleString()} / {usage.size.toLocaleString()}
    </button>
  );
}
