import { useEffect, useState } from 'react';
import { useModels, useStores } from '../../app/stores';
import type { ImportMode } from '../../../../shared/contract/library';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../components/format';
import { FileBrowser } from '../models/FileBrowser';
import { ErrorNote } from './ErrorNote';
import { useDiscover, useLibraryStores, useShelf } from './LibraryProvider';

const fieldClass =
  'h-8 w-full rounded-md border border-line-strong/70 bg-canvas px-2.5 text-[12px] text-fg outline-none placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15 disabled:opacity-60';

export function DeleteModelDialog() {
  const { shelf } = useLibraryStores();
  const deleting = useShelf((s) => s.deleting);
  const loadedPath = useModels((s) => s.status?.model?.path ?? null);
  const model = deleting?.model;
  return (
    <Dialog
      open={deleting !== null}
      title="Delete this model?"
      onClose={() => shelf.getState().askDelete(null)}
      locked={deleting?.busy}
      footer={
        <>
          <Button onClick={() => shelf.getState().askDelete(null)} disabled={deleting?.busy}>
            Cancel
          </Button>
          <Button
            variant="danger"
            data-testid="delete-confirm"
            disabled={deleting?.busy}
            onClick={() => void shelf.getState().confirmDelete()}
          >
            {deleting?.busy && <Spinner size={12} />} Delete
          </Button>
        </>
      }
    >
      {model && (
        <div className="text-[13px] text-muted">
          <p className="font-mono text-[12px] break-all text-fg">{model.id}</p>
          <p className="mt-2">
            {model.linked
              ? 'Only the link in the library is removed; the file it points to stays where it is.'
              : `This deletes ${formatBytes(model.sizeBytes)} from disk${model.parts.length > 1 ? ` (${model.parts.length} parts)` : ''}. Downloading it again takes a while.`}
            {model.path === loadedPath && ' The model is loaded: it is unloaded first.'}
          </p>
          {deleting?.error && (
            <div className="mt-3">
              <ErrorNote error={deleting.error} />
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}

const MODES: { value: ImportMode; label: string; hint: string }[] = [
  { value: 'copy', label: 'Copy', hint: 'The library gets its own copy.' },
  { value: 'symlink', label: 'Link', hint: 'Keeps the file where it is; saves disk space.' },
  { value: 'hardlink', label: 'Hard link', hint: 'Same disk only; no extra space.' },
];

export function ImportDialog() {
  const { shelf } = useLibraryStores();
  const importing = useShelf((s) => s.importing);
  const { models } = useStores();
  const nativeDialogs = useModels((s) => s.info?.nativeDialogs ?? false);
  const busy = importing?.busy ?? false;
  const open = importing !== null;
  useEffect(() => {
    const state = models.getState();
    if (open && !nativeDialogs && !state.browse) void state.browseTo(state.info?.homeDir);
  }, [open, nativeDialogs, models]);
  return (
    <Dialog
      open={open}
      title="Import a GGUF"
      description="Checks the file (header, required keys, size) before it enters the library."
      onClose={() => shelf.getState().openImport(false)}
      locked={busy}
      width="max-w-2xl"
      footer={
        <>
          <Button onClick={() => shelf.getState().openImport(false)} disabled={busy}>
            Cancel
          </Button>
          <Button
            variant="primary"
            data-testid="import-confirm"
            disabled={busy || !importing?.path.trim()}
            onClick={() => void shelf.getState().submitImport()}
          >
            {busy && <Spinner size={12} />} Import
          </Button>
        </>
      }
    >
      {importing && (
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void shelf.getState().submitImport();
          }}
        >
          <div className="flex gap-2">
            <input
              data-testid="import-path"
              aria-label="GGUF file path"
              autoFocus
              spellCheck={false}
              disabled={busy}
              value={importing.path}
              placeholder="/path/to/model.Q4_K_M.gguf"
              onChange={(e) => shelf.getState().editImport({ path: e.target.value })}
              className={`${fieldClass} font-mono`}
            />
            {nativeDialogs && (
              <Button disabled={busy} onClick={() => void shelf.getState().pickImportFile()}>
                Browse…
              </Button>
            )}
          </div>
          {!nativeDialogs && (
            <FileBrowser
              disabled={busy}
              selected={importing.path}
              onSelect={(path) => shelf.getState().editImport({ path })}
              onActivate={(path) => {
                shelf.getState().editImport({ path });
                void shelf.getState().submitImport();
              }}
              activateHint="import"
            />
          )}
          <fieldset className="grid grid-cols-3 gap-2" disabled={busy}>
            <legend className="sr-only">How to import</legend>
            {MODES.map((m) => (
              <label
                key={m.value}
                className={`cursor-pointer rounded-lg border px-3 py-2 text-[12px] ${
                  importing.mode === m.value
                    ? 'border-accent/60 bg-accent-soft'
                    : 'border-line hover:bg-hover'
                }`}
              >
                <input
                  type="radio"
                  name="import-mode"
                  value={m.value}
                  checked={importing.mode === m.value}
                  onChange={() => shelf.getState().editImport({ mode: m.value })}
                  className="sr-only"
                />
                <div className="font-medium text-fg">{m.label}</div>
                <div className="mt-0.5 text-[11px] text-subtle">{m.hint}</div>
              </label>
            ))}
          </fieldset>
          {importing.error && <ErrorNote error={importing.error} testId="import-error" />}
        </form>
      )}
    </Dialog>
  );
}

export function TokenDialog() {
  const { discover } = useLibraryStores();
  const open = useDiscover((s) => s.tokenDialog);
  const token = useDiscover((s) => s.token);
  const saving = useDiscover((s) => s.tokenSaving);
  const error = useDiscover((s) => s.tokenError);
  const [value, setValue] = useState('');
  const close = (): void => {
    setValue('');
    discover.getState().openTokenDialog(false);
  };
  const host = token ? new URL(token.endpoint).host : 'the Hub';
  return (
    <Dialog
      open={open}
      title="Hugging Face token"
      description={`Needed for gated and private repositories. It is sent to ${host} only.`}
      onClose={close}
      locked={saving}
    >
      {token && (
        <div className="flex flex-col gap-3 text-[13px]">
          <p className="text-muted">
            {token.configured
              ? `A token is set${token.source === 'env' ? ' (from HF_TOKEN)' : ' (stored encrypted)'}.`
              : 'No token is set.'}
          </p>
          {token.canStore ? (
            <form
              className="flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void discover
                  .getState()
                  .saveToken(value)
                  .then((ok) => ok && close());
              }}
            >
              <input
                type="password"
                aria-label="Access token"
                autoComplete="off"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                placeholder="hf_…"
                className={`${fieldClass} font-mono`}
              />
              <Button type="submit" variant="primary" disabled={saving || !value.trim()}>
                {saving && <Spinner size={12} />} Save
              </Button>
              {token.source === 'stored' && (
                <Button
                  variant="ghost"
                  disabled={saving}
                  onClick={() => void discover.getState().saveToken(null)}
                >
                  Remove
                </Button>
              )}
            </form>
          ) : (
            <p className="rounded-lg border border-warn/40 bg-warn-soft px-3 py-2 text-[12px] text-warn">
              {token.storeMessage}
            </p>
          )}
          {error && <ErrorNote error={error} />}
        </div>
      )}
    </Dialog>
  );
}
