import { useState } from 'react';
import { useModels, useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../components/format';
import { focusComposer } from '../chat/focusComposer';
import { ErrorNote } from '../library/ErrorNote';
import { FileBrowser } from './FileBrowser';
import { ModelPicker } from './ModelPicker';
import { backendLabel, stateDotClass } from './engineLabels';

function SectionTitle({ children }: { children: string }) {
  return (
    <h3 className="mb-1.5 text-[11px] font-medium tracking-wide text-subtle uppercase">
      {children}
    </h3>
  );
}

function LoadedModel() {
  const { models } = useStores();
  const status = useModels((s) => s.status);
  const unloading = useModels((s) => s.unloading);
  const loading = useModels((s) => s.loadingPath !== null);
  const model = status?.model ?? null;
  if (!model) return null;
  return (
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
  );
}

/** The model picker: the library first (one click loads), then any GGUF file on this machine. */
export function ModelDialog() {
  const { models } = useStores();
  const open = useModels((s) => s.dialogOpen);
  const info = useModels((s) => s.info);
  const pathInput = useModels((s) => s.pathInput);
  const loadingPath = useModels((s) => s.loadingPath);
  const loadError = useModels((s) => s.loadError);
  const libraryEmpty = useModels((s) => s.picker?.length === 0);
  const [showFiles, setShowFiles] = useState(false);
  const loading = loadingPath !== null;

  const load = async (path: string): Promise<void> => {
    if (await models.getState().load(path)) focusComposer();
  };

  return (
    <Dialog
      open={open}
      title="Choose a model"
      description="Your library, loaded with each model's saved settings — or any GGUF file on this machine."
      onClose={() => models.getState().closeDialog()}
      locked={loading}
      width="max-w-2xl"
    >
      <div className="flex flex-col gap-4">
        <LoadedModel />
        {loadError && <ErrorNote error={loadError} testId="model-error" />}
        {loading && (
          <div
            className="h-1 overflow-hidden rounded-full bg-sunken"
            role="progressbar"
            aria-label="Loading model"
          >
            <div className="progress-indeterminate h-full w-2/5 rounded-full bg-accent" />
          </div>
        )}

        <section>
          <SectionTitle>My Models</SectionTitle>
          <ModelPicker />
        </section>

        <section>
          <SectionTitle>Load a file from disk</SectionTitle>
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
              spellCheck={false}
              disabled={loading}
              value={pathInput}
              placeholder="/path/to/model.gguf"
              onChange={(e) => models.getState().setPathInput(e.target.value)}
              className="h-8 min-w-0 flex-1 rounded-md border border-line-strong/70 bg-canvas px-2.5 font-mono text-[12px] text-fg outline-none placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15 disabled:opacity-60"
            />
            {info?.nativeDialogs ? (
              <Button
                variant="secondary"
                disabled={loading}
                onClick={() => void models.getState().pickWithNativeDialog()}
              >
                Browse…
              </Button>
            ) : (
              <Button
                variant="secondary"
                data-testid="model-browse-toggle"
                aria-expanded={showFiles || libraryEmpty}
                disabled={loading || libraryEmpty}
                onClick={() => setShowFiles((v) => !v)}
              >
                <Icon name="folder" size={13} /> Browse
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
          {(showFiles || libraryEmpty) && !info?.nativeDialogs && (
            <div className="mt-2">
              <FileBrowser
                disabled={loading}
                selected={pathInput}
                onSelect={(path) => models.getState().setPathInput(path)}
                onActivate={(path) => void load(path)}
              />
            </div>
          )}
        </section>
      </div>
    </Dialog>
  );
}
