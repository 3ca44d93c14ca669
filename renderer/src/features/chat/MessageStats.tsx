import type { GenerationStats, StopReason } from '../../../../shared/contract/types';
import { formatMs, formatTokensPerSecond } from '../../components/format';

const STOP_LABELS: Record<StopReason, string> = {
  eos: 'Finished',
  maxTokens: 'Hit max tokens',
  abort: 'Stopped',
  error: 'Error',
  shutdown: 'Interrupted',
};

/** One dense line of measured figures under an assistant reply. */
export function MessageStats({ stats }: { stats: GenerationStats }) {
  const cached = stats.promptTokens - stats.evaluatedPromptTokens;
  const items = [
    { label: 'TTFT', value: formatMs(stats.ttftMs), title: 'Time to first token' },
    {
      label: '',
      value: formatTokensPerSecond(stats.tokensPerSecond),
      title: 'Generation speed, first token to last',
    },
    {
      label: '',
      value: `${stats.completionTokens} tokens`,
      title: `Prompt ${stats.promptTokens} tokens (${cached} from cache) · total ${formatMs(stats.durationMs)}`,
    },
    { label: '', value: STOP_LABELS[stats.stopReason], title: `Stop reason: ${stats.stopReason}` },
  ];
  return (
    <div
      className="flex flex-wrap items-center gap-x-2 text-[11px] text-subtle tabular-nums"
      data-testid="message-stats"
    >
      {items.map((item, i) => (
        <span key={i} title={item.title} className="flex items-center gap-2">
          {i > 0 && <span aria-hidden="true" className="h-2.5 w-px bg-line-strong" />}
          <span>
            {item.label && <span className="mr-1 text-subtle/80">{item.label}</span>}
            {item.value}
          </span>
        </span>
      ))}
    </div>
  );
}
