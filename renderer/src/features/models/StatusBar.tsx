import { useChat, useModels, useStores } from '../../app/stores';
import { focusRing } from '../../components/Button';
import { errorHeadline } from '../../components/errors';
import { formatBytes, formatTokensPerSecond } from '../../components/format';
import { streamOf } from '../chat/chatStore';
import { liveTokensPerSecond } from '../chat/streamReducer';
import { backendLabel, stateDotClass, stateLabel } from './engineLabels';

function Divider() {
  return <span aria-hidden="true" className="h-3 w-px bg-line-strong" />;
}

export function StatusBar({ disconnected }: { disconnected: boolean }) {
  const { models } = useStores();
  const status = useModels((s) => s.status);
  const loadingPath = useModels((s) => s.loadingPath);
  const stream = useChat(
    (s) => streamOf(s, s.conversationId) ?? Object.values(s.streams)[0] ?? null,
  );
  const lastTps = useChat((s) => s.lastReplyTps);
  const model = status?.model ?? null;

  return (
    <footer
      data-testid="status-bar"
      className="flex h-7 shrink-0 items-center gap-3 border-t border-line bg-panel px-3 text-[11px] text-muted tabular-nums select-none"
    >
      {!disconnected && status?.state === 'loading' && status.lastError ? (
        // The engine reloads on its own after a crash: say so, with no click needed.
        <span data-testid="status-notice" className="flex min-w-0 items-center gap-1.5 text-warn">
          <span
            className="h-2 w-2 shrink-0 animate-pulse rounded-full bg-warn"
            aria-hidden="true"
          />
          <span className="truncate">{status.lastError.message}</span>
        </span>
      ) : !disconnected && status?.lastError && !model ? (
        <button
          type="button"
          data-testid="status-error"
          title={`${status.lastError.message} — click for details`}
          onClick={() => models.getState().openDialog()}
          className={`-mx-1 flex min-w-0 items-center gap-1.5 rounded px-1 text-danger hover:bg-danger-soft ${focusRing}`}
        >
          <span className="h-2 w-2 shrink-0 rounded-full bg-danger" aria-hidden="true" />
          <span className="font-medium">{errorHeadline(status.lastError.code)}</span>
          <span className="underline decoration-danger/40 underline-offset-2">Details</span>
        </button>
      ) : (
        <span className="flex items-center gap-1.5">
          <span
            className={`h-2 w-2 rounded-full ${disconnected ? 'bg-danger' : stateDotClass(status)}`}
            aria-hidden="true"
          />
          {disconnected ? 'Disconnected' : stream ? 'Generating' : stateLabel(status)}
        </span>
      )}
      <Divider />
      <span
        data-testid="status-model"
        className="max-w-[40%] truncate font-mono text-fg/85"
        title={model?.path}
      >
        {model
          ? model.name
          : loadingPath
            ? `Loading ${loadingPath.split(/[\\/]/).pop()}…`
            : 'No model loaded'}
      </span>
      {status?.backend && <Divider />}
      <span data-testid="status-backend" title={status?.gpuNames.join(', ') || undefined}>
        {status?.backend ? backendLabel(status) : ''}
      </span>
      {model && (
        <>
          <Divider />
          <span title="Context size">ctx {model.contextSize.toLocaleString()}</span>
        </>
      )}
      {status?.memory && (
        <>
          <Divider />
          <span title="Memory used by the engine">RAM {formatBytes(status.memory.ramBytes)}</span>
          {status.memory.vramTotalBytes > 0 && (
            <span title="GPU memory in use">
              VRAM {formatBytes(status.memory.vramUsedBytes)} /{' '}
              {formatBytes(status.memory.vramTotalBytes)}
            </span>
          )}
        </>
      )}
      <span data-testid="status-tps" className="ml-auto flex items-center gap-1.5">
        {stream ? (
          <>
            <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-accent" aria-hidden="true" />
            <span className="text-fg">
              {liveTokensPerSecond(stream) === null
                ? 'Waiting for the first token…'
                : formatTokensPerSecond(liveTokensPerSecond(stream))}
            </span>
          </>
        ) : lastTps !== null ? (
          <span title="Speed of the last reply">Last reply {formatTokensPerSecond(lastTps)}</span>
        ) : null}
      </span>
    </footer>
  );
}
