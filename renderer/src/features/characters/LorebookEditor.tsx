import { useCallback, useEffect } from 'react';
import type { CharacterBook } from '../../../../shared/cards';
import { navigate } from '../../app/router';
import { useStores } from '../../app/stores';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { MOD_KEY } from '../../components/shortcuts';
import { Spinner } from '../../components/Spinner';
import { ErrorNote } from '../library/ErrorNote';
import { BookSettingsBar } from './BookSettingsBar';
import { inputClass } from './formControls';
import { deleteLorebook, exportLorebook } from './lorebookActions';
import { LoreEntriesEditor } from './LoreEntriesEditor';
import { useLorebookDrafts } from './useCharacterStores';
import { useSaveShortcut } from './useSaveShortcut';

/** A standalone lorebook's editor (`#/lorebooks/<id>`): name, scan settings and entries. */
export function LorebookEditor({ id }: { id: string }) {
  const stores = useStores();
  const drafts = stores.characters.lorebookDrafts;
  const draft = useLorebookDrafts((s) => s.drafts[id]);
  const missing = draft === undefined;
  useEffect(() => {
    if (missing) void drafts.getState().open(id);
  }, [drafts, id, missing]);
  const save = useCallback(() => void drafts.getState().save(id), [drafts, id]);
  useSaveShortcut(save);

  if (!draft || draft.loading) {
    return (
      <div className="flex flex-1 items-center justify-center gap-2 text-[13px] text-subtle">
        <Spinner size={14} /> Opening the lorebook…
      </div>
    );
  }
  const book = draft.book;
  if (!book) {
    return (
      <div className="mx-auto mt-16 flex w-full max-w-md flex-col gap-3 px-6">
        {draft.error && <ErrorNote error={draft.error} />}
        <Button onClick={() => navigate({ screen: 'lorebooks', lorebookId: null })}>
          <Icon name="arrowLeft" size={14} /> Back to the lorebooks
        </Button>
      </div>
    );
  }
  const edit = (change: { name?: string; book?: CharacterBook }): void =>
    drafts.getState().edit(id, change);
  const description = typeof book.description === 'string' ? book.description : '';
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="lorebook-editor">
      <header className="shrink-0 border-b border-line bg-panel/50">
        <div className="mx-auto flex w-full max-w-4xl items-center gap-4 px-6 py-4">
          <IconButton
            aria-label="Back to the lorebooks"
            onClick={() => navigate({ screen: 'lorebooks', lorebookId: null })}
          >
            <Icon name="arrowLeft" size={16} />
          </IconButton>
          <span className="flex h-12 w-12 shrink-0 items-center justify-center rounded-xl border border-line bg-sunken text-muted">
            <Icon name="book" size={22} />
          </span>
          <div className="min-w-0 flex-1">
            <div className="flex min-w-0 items-center gap-2.5">
              <input
                aria-label="Lorebook name"
                data-testid="lorebook-name-input"
                value={draft.name}
                placeholder="Name this lorebook"
                aria-invalid={draft.nameProblem ? true : undefined}
                onChange={(e) => edit({ name: e.target.value })}
                className="-ml-1.5 h-8 max-w-full min-w-40 rounded-md field-sizing-content border border-transparent bg-transparent px-1.5 text-[19px] font-semibold tracking-tight text-fg outline-none hover:border-line-strong/60 focus:border-accent/60 focus:bg-canvas aria-[invalid=true]:border-danger/70"
              />
              {draft.dirty && (
                <span
                  data-testid="unsaved-badge"
                  className="inline-flex h-5 shrink-0 items-center gap-1.5 rounded-full border border-warn/35 bg-warn-soft px-2 text-[11px] font-medium text-warn"
                >
                  <span className="h-1.5 w-1.5 rounded-full bg-warn" /> Unsaved changes
                </span>
              )}
            </div>
            {draft.nameProblem ? (
              <p role="alert" className="mt-0.5 text-[12px] text-danger">
                {draft.nameProblem}
              </p>
            ) : (
              <p className="mt-0.5 text-[12.5px] text-subtle">
                {book.entries.length} entr{book.entries.length === 1 ? 'y' : 'ies'} · standalone
                world info, chosen per chat
              </p>
            )}
          </div>
          <div className="flex shrink-0 items-center gap-2">
            {draft.dirty && (
              <Button variant="ghost" onClick={() => void drafts.getState().revert(id)}>
                Revert
              </Button>
            )}
            <Button
              variant="primary"
              data-testid="lorebook-save"
              title={`Save (${MOD_KEY}+S)`}
              disabled={!draft.dirty}
              onClick={save}
            >
              {draft.saving ? <Spinner size={13} /> : <Icon name="check" size={14} />} Save
            </Button>
            <Button data-testid="lorebook-export" onClick={() => void exportLorebook(stores, id)}>
              <Icon name="download" size={14} /> Export
            </Button>
            <IconButton
              aria-label="Delete this lorebook"
              onClick={() => deleteLorebook(stores, id, draft.name || 'this lorebook')}
            >
              <Icon name="trash" size={15} />
            </IconButton>
          </div>
        </div>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto flex w-full max-w-4xl flex-col gap-5 px-6 py-6">
          {draft.error && !draft.nameProblem && <ErrorNote error={draft.error} />}
          <div className="flex flex-col gap-5">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-description`} className="text-[12px] font-medium">
                Description
              </label>
              <input
                id={`${id}-description`}
                value={description}
                placeholder="What this book covers"
                onChange={(e) => edit({ book: { ...book, description: e.target.value } })}
                className={inputClass}
              />
            </div>
            <BookSettingsBar book={book} onChange={(next) => edit({ book: next })} />
            <LoreEntriesEditor book={book} onChange={(next) => edit({ book: next })} />
          </div>
        </div>
      </div>
    </div>
  );
}
