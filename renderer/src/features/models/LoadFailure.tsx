import { useModels, useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { errorHeadline } from '../../components/errors';
import { fileName } from '../../components/format';
import { focusComposer } from '../chat/focusComposer';

/** The engine's last load or crash error while no model is loaded; null when there is none. */
export function useLoadFailure(): { code: string; message: string; path?: string } | null {
  return useModels((s) =>
    s.status?.lastError && !s.status.model && s.status.state !== 'loading' && !s.loadingPath
      ? s.status.lastError
      : null,
  );
}

/**
 * Why the model did not load (a start-up `--model`, a load from the picker, a crash), where the
 * user looks: which file, the reason in words, and what to do next.
 */
export function LoadFailure({ compact = false }: { compact?: boolean }) {
  const { models } = useStores();
  const failure = useLoadFailure();
  if (!failure) return null;
  const file = failure.path ? fileName(failure.path) : null;
  const retry = async (): Promise<void> => {
    if (failure.path && (await models.getState().load(failure.path))) focusComposer();
  };
  return (
    <div
      role="alert"
      data-testid="load-failure"
      className={`flex w-full gap-3 rounded-xl border border-danger/30 bg-danger-soft text-left ${
        compact ? 'mb-2 items-center px-3 py-2' : 'flex-col px-5 py-4'
      }`}
    >
      <div className="flex min-w-0 flex-1 items-start gap-2.5">
        <Icon name="alert" size={compact ? 15 : 18} className="mt-px shrink-0 text-danger" />
        <div className="min-w-0 flex-1">
          <div className={`font-semibold text-fg ${compact ? 'text-[12.5px]' : 'text-[14px]'}`}>
            {file ? (
              <>
                Could not load <span className="font-mono text-[0.95em]">{file}</span>
              </>
            ) : (
              errorHeadline(failure.code)
            )}
          </div>
          <p
            data-testid="load-failure-reason"
            className={`mt-0.5 text-danger [overflow-wrap:anywhere] ${compact ? 'text-[12px]' : 'text-[13px]'}`}
          >
            {failure.message || errorHeadline(failure.code)}
          </p>
          {!compact && failure.path && (
            <p className="mt-1.5 font-mono text-[11px] text-subtle [overflow-wrap:anywhere]">
              {failure.path}
            </p>
          )}
        </div>
      </div>
      <div className={`flex shrink-0 gap-2 ${compact ? '' : 'pl-7'}`}>
        <Button
          size="sm"
          variant="primary"
          data-testid="choose-another-model"
          onClick={() => models.getState().openDialog()}
        >
          <Icon name="chip" size={13} /> Choose another model
        </Button>
        {failure.path && (
          <Button size="sm" onClick={() => void retry()}>
            <Icon name="refresh" size={13} /> Try again
          </Button>
        )}
      </div>
    </div>
  );
}
