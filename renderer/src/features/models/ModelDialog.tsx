import { useModels, useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { dirName, fileName, formatBytes } from '../../components/format';
import { focusComposer } from '../chat/focusComposer';
import { FileBrowser } from './FileBrowser';
import { backendLabel, stateDotClass } from './engineLabels';

function SectionTitle({ children }: { children: string }) {
  return (
    <h3 className="mb-1.5 text-[11px] font-medium tracking-wide text-subtle uppercase">
      {children}
    </h3>
  );
}

export function ModelDialog() {
  const { models } = useStores();
  const open = useModels((s) => s.dialogOpen);
  const status = useModels((s) => s.status);
  const info = useModels((s) => s.info);
  const pathInput = useModels((s) => s.pathInput);
  const loadingPath = useModels((s) => s.loadingPath);
  const loadError = useModels((s) => s.loadError);
  const unloading = useModels((s) => s.unloading);
  const loading = loadingPath !== null;
  const model = status?.model ?? null;
  const recent = (info?.recentModels ?? []).slice(0, 5);

  const load = async (path: string): Promise<void> => {
    if (await models.getState().load(path)) focusComposer();
  };

  return (
    <Dialog
      open={open}
      title="Load a model"
      description="Choose a GGUF file on this machine."
      onClose={() => models.getState().closeDialog()}
      locked={loading}
      width="max-w-2xl"
    >
      <div className="flex flex-col gap-4">
        {model && (
          <div className="flex items-center gap-3 rounded-lg border border-line bg-sunken/60 px-3 py-2.5">
            <span
              className={`h-2 w-2 shrink-0 rounded-full ${stateDotClass(status)}`}
              aria-hidden="true"
            />
            <div className="min-w-0 flex-1">
              <div className="truncate font-mono text-[12px] text-fg">{model.name}</div>
              <div className="truncate text-[11px] text-subtle">
                {formatBytes(model.sizeBytes)} · {backendLabel(status)} · ctx{' '}
                {model.contextSize.toLocaleString()} · {model.chatWrapper}
              </div>
            </div>
            <Button
              size="sm"
              variant="secondary"
              data-testid="model-unload"
              aria-label="Unload model"
              disabled={unloading || loading}
              onClick={() => void models.getState().unload()}
            >
              {unloading ? <Spinner size={12} /> : <Icon name="eject" size={13} />}
              Unload
            </Button>
          </div>
        )}

        {recent.length > 0 && (
          <section>
            <SectionTitle>Recent</SectionTitle>
            <ul className="overflow-hidden rounded-lg border border-line">
              {recent.map((path) => (
                <li key={path} className="border-b border-line last:border-b-0">
                  <button
                    type="button"
                    data-testid="recent-model"
                    disabled={loading}
                    onClick={() => void load(path)}
                    title={`Load ${path}`}
                    className="flex w-full items-center gap-2.5 px-3 py-2 text-left outline-none hover:bg-hover focus-visible:bg-hover disabled:opacity-50"
                  >
                    <Icon name="clock" size={14} className="shrink-0 text-subtle" />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-mono text-[12px] text-fg">
                        {fileName(path)}
                      </span>
                      <span className="block truncate text-[11px] text-subtle">
                        {dirName(path)}
                      </span>
                    </span>
                    {loadingPath === path && <Spinner size={13} className="text-accent-text" />}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section>
          <SectionTitle>Model file</SectionTitle>
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void load(pathInput);
            }}
          >
            <input
              data-testid="model-path-input"
              aria-label="Model file path"
              autoFocus
              spellCheck={false}
              disabled={loading}
              value={pathInput}
              placeholder="/path/to/model.gguf"
              onChange={(e) => models.getState().setPathInput(e.target.value)}
              className="h-8 min-w-0 flex-1 rounded-md border border-line-strong/70 bg-canvas px-2.5 font-mono text-[12px] text-fg outline-none placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15 disabled:opacity-60"
            />
            {info?.nativeDialogs && (
              <Button
                variant="secondary"
                disabled={loading}
                onClick={() => void models.getState().pickWithNativeDialog()}
              >
                Browse…
              </Button>
            )}
            <Button
              type="submit"
              variant="primary"
              data-testid="model-load"
              disabled={loading || !pathInput.trim()}
              className="min-w-[84px]"
            >
              {loading ? <Spinner size={13} /> : null}
              {loading ? 'Loading…' : 'Load'}
            </Button>
          </form>
          {loading && (
            <div
              className="mt-2 h-1 overflow-hidden rounded-full bg-sunken"
              role="progressbar"
              aria-label="Loading model"
            >
              <div className="progress-indeterminate h-full w-2/5 rounded-full bg-accent" />
            </div>
          )}
          {loadError && (
            <div
              role="alert"
              data-testid="model-error"
              className="mt-2 flex items-start gap-2 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-xs text-danger"
            >
              <Icon name="alert" size={14} className="mt-px shrink-0" />
              <div className="min-w-0">
                <div className="font-mono font-semibold">{loadError.code}</div>
                <div className="mt-0.5 [overflow-wrap:anywhere]">{loadError.message}</div>
              </div>
            </div>
          )}
        </section>

        <section>
          <SectionTitle>Browse</SectionTitle>
          <FileBrowser disabled={loading} />
        </section>
      </div>
    </Dialog>
  );
}
