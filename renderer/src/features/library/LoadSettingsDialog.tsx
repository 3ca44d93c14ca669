import type { ReactNode } from 'react';
import type { ModelLoadSettings } from '../../../../shared/contract/library';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { formatContext } from './libraryFormat';
import { ErrorNote } from './ErrorNote';
import { useLibraryStores, useShelf } from './LibraryProvider';

const CONTEXTS = [2048, 4096, 8192, 16384, 32768, 65536, 131072];

const inputClass =
  'h-8 w-28 rounded-md border border-line-strong/70 bg-canvas px-2 text-[12px] text-fg tabular-nums outline-none focus:border-accent/60 focus:ring-3 focus:ring-accent/15 disabled:opacity-50';

function Row({ label, hint, children }: { label: string; hint: string; children: ReactNode }) {
  return (
    <div className="flex items-start justify-between gap-4 border-b border-line py-3 last:border-b-0">
      <div className="min-w-0">
        <div className="text-[13px] font-medium">{label}</div>
        <div className="mt-0.5 text-[11px] text-subtle">{hint}</div>
      </div>
      <div className="flex shrink-0 items-center gap-2">{children}</div>
    </div>
  );
}

/** "Auto" or a number: a checkbox-like toggle and a number field. */
function AutoOrNumber({
  label,
  value,
  auto,
  placeholder,
  min,
  onChange,
}: {
  label: string;
  value: number | null;
  auto: boolean;
  placeholder: string;
  min: number;
  onChange: (value: number | null) => void;
}) {
  return (
    <>
      <label className="flex items-center gap-1.5 text-[12px] text-muted">
        <input
          type="checkbox"
          checked={auto}
          onChange={(e) => onChange(e.target.checked ? null : Number(placeholder) || min)}
          className="accent-[var(--t-accent)]"
        />
        Auto
      </label>
      <input
        type="number"
        aria-label={label}
        min={min}
        disabled={auto}
        value={auto ? '' : (value ?? '')}
        placeholder={placeholder}
        onChange={(e) =>
          onChange(e.target.value === '' ? min : Math.max(min, Number(e.target.value)))
        }
        className={inputClass}
      />
    </>
  );
}

/** Per-model load settings, saved with the model, and the Load button. */
export function LoadSettingsDialog() {
  const { shelf } = useLibraryStores();
  const draft = useShelf((s) => s.draft);
  const s = draft?.settings ?? null;
  const busy = draft?.busy ?? null;
  const trained = draft?.model.metadata?.contextLength ?? null;
  const edit = (patch: Partial<ModelLoadSettings>): void => shelf.getState().editSettings(patch);
  const title = draft?.model.metadata?.name || draft?.model.fileName || '';
  return (
    <Dialog
      open={draft !== null}
      title={`Load ${title}`}
      description={draft ? `${draft.model.fileName} · saved for this model` : undefined}
      onClose={() => shelf.getState().closeSettings()}
      locked={busy === 'loading'}
      width="max-w-xl"
      footer={
        <>
          <Button
            variant="ghost"
            disabled={busy !== null || !s}
            onClick={() => void shelf.getState().saveSettings()}
          >
            {busy === 'saving' && <Spinner size={12} />} Save settings
          </Button>
          <Button onClick={() => shelf.getState().closeSettings()} disabled={busy === 'loading'}>
            Cancel
          </Button>
          <Button
            variant="primary"
            data-testid="load-confirm"
            disabled={busy !== null || !s}
            className="min-w-[96px]"
            onClick={() => void shelf.getState().loadModel()}
          >
            {busy === 'loading' ? <Spinner size={12} /> : null}
            {busy === 'loading' ? 'Loading…' : 'Load model'}
          </Button>
        </>
      }
    >
      {!s ? (
        <div className="flex items-center gap-2 py-6 text-[13px] text-muted">
          <Spinner size={14} /> Reading the saved settings…
        </div>
      ) : (
        <div data-testid="load-settings">
          <Row
            label="Context size"
            hint={`Tokens the model can see. Trained: ${formatContext(trained)}.`}
          >
            <select
              aria-label="Context size"
              value={String(s.contextSize)}
              onChange={(e) =>
                edit({ contextSize: e.target.value === 'auto' ? 'auto' : Number(e.target.value) })
              }
              className="h-8 rounded-md border border-line-strong/70 bg-canvas px-2 text-[12px] text-fg outline-none focus:border-accent/60"
            >
              <option value="auto">Auto (up to 8K)</option>
              {CONTEXTS.filter((n) => trained === null || n <= trained).map((n) => (
                <option key={n} value={n}>
                  {formatContext(n)}
                </option>
              ))}
            </select>
          </Row>
          <Row
            label="GPU layers"
            hint="Layers offloaded to the GPU; Auto fits what the VRAM holds."
          >
            <AutoOrNumber
              label="GPU layers"
              auto={s.gpuLayers === 'auto'}
              value={s.gpuLayers === 'auto' ? null : s.gpuLayers}
              placeholder="0"
              min={0}
              onChange={(v) => edit({ gpuLayers: v === null ? 'auto' : v })}
            />
          </Row>
          <Row
            label="Flash attention"
            hint="Less memory for long contexts on GPUs that support it."
          >
            <input
              type="checkbox"
              aria-label="Flash attention"
              checked={s.flashAttention}
              onChange={(e) => edit({ flashAttention: e.target.checked })}
              className="h-4 w-4 accent-[var(--t-accent)]"
            />
          </Row>
          <Row label="CPU threads" hint="Auto uses every core of this machine.">
            <AutoOrNumber
              label="CPU threads"
              auto={s.threads === null}
              value={s.threads}
              placeholder="4"
              min={1}
              onChange={(v) => edit({ threads: v })}
            />
          </Row>
          <Row
            label="Batch size"
            hint="Prompt tokens evaluated at once; Auto is node-llama-cpp’s choice."
          >
            <AutoOrNumber
              label="Batch size"
              auto={s.batchSize === null}
              value={s.batchSize}
              placeholder="512"
              min={1}
              onChange={(v) => edit({ batchSize: v })}
            />
          </Row>
          <Row
            label="Tool results role"
            hint="Hermes sends tool results as “tool”; the Hermes 3 3B abliterated card wants “user”."
          >
            <select
              aria-label="Tool results role"
              value={s.toolResponseRole}
              onChange={(e) =>
                edit({ toolResponseRole: e.target.value === 'user' ? 'user' : 'tool' })
              }
              className="h-8 rounded-md border border-line-strong/70 bg-canvas px-2 text-[12px] text-fg outline-none focus:border-accent/60"
            >
              <option value="tool">tool</option>
              <option value="user">user</option>
            </select>
          </Row>
        </div>
      )}
      {busy === 'loading' && (
        <div
          className="mt-2 h-1 overflow-hidden rounded-full bg-sunken"
          role="progressbar"
          aria-label="Loading model"
        >
          <div className="progress-indeterminate h-full w-2/5 rounded-full bg-accent" />
        </div>
      )}
      {draft?.error && (
        <div className="mt-3">
          <ErrorNote error={draft.error} testId="load-error" />
        </div>
      )}
    </Dialog>
  );
}
