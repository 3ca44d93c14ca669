import { useCallback, useEffect } from 'react';
import type { CharacterBook } from '../../../../shared/cards';
import { navigate } from '../../app/router';
import { useStores } from '../../app/stores';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { ErrorNote } from '../library/ErrorNote';
import { BookSettingsBar } from './BookSettingsBar';
import { TextField } from './formControls';
import { EditorTitleBar, SaveButton } from './EditorTitleBar';
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
      <EditorTitleBar
        back={{
          label: 'Back to the lorebooks',
          onClick: () => navigate({ screen: 'lorebooks', lorebookId: null }),
        }}
        picture={
          <span className="flex h-12 w-12 shrink-0 items-center justify-center rounded-xl border border-line bg-sunken text-muted">
            <Icon name="book" size={22} />
          </span>
        }
        title={
          <input
            aria-label="Lorebook name"
            data-testid="lorebook-name-input"
            value={draft.name}
            placeholder="Name this lorebook"
            aria-invalid={draft.nameProblem ? true : undefined}
            onChange={(e) => edit({ name: e.target.value })}
            className="-ml-1.5 h-8 max-w-full min-w-40 rounded-md field-sizing-content border border-transparent bg-transparent px-1.5 text-[19px] font-semibold tracking-tight text-fg outline-none hover:border-line-strong/60 focus:border-accent/60 focus:bg-canvas aria-[invalid=true]:border-danger/70"
          />
        }
        subtitle={
          draft.nameProblem ? (
            <p role="alert" className="mt-0.5 text-[12px] text-danger">
              {draft.nameProblem}
            </p>
          ) : (
            <p className="mt-0.5 text-[12.5px] text-subtle">
              {book.entries.length} entr{book.entries.length === 1 ? 'y' : 'ies'} · standalone world
              info, chosen per chat
            </p>
          )
        }
        dirty={draft.dirty}
        onRevert={draft.dirty ? () => void drafts.getState().revert(id) : null}
      >
        <SaveButton
          variant="primary"
          testId="lorebook-save"
          label="Save"
          saving={draft.saving}
          disabled={!draft.dirty}
          onClick={save}
        />
        <Button data-testid="lorebook-export" onClick={() => void exportLorebook(stores, id)}>
          <Icon name="download" size={14} /> Export
        </Button>
        <IconButton
          aria-label="Delete this lorebook"
          onClick={() => deleteLorebook(stores, id, draft.name || 'this lorebook')}
        >
          <Icon name="trash" size={15} />
        </IconButton>
      </EditorTitleBar>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto flex w-full max-w-4xl flex-col gap-5 px-6 py-6">
          {draft.error && !draft.nameProblem && <ErrorNote error={draft.error} />}
          <div className="flex flex-col gap-5">
            <TextField
              label="Description"
              value={description}
              placeholder="What this book covers"
              onChange={(text) => edit({ book: { ...book, description: text } })}
            />
            <BookSettingsBar book={book} onChange={(next) => edit({ book: next })} />
            <LoreEntriesEditor book={book} onChange={(next) => edit({ book: next })} />
          </div>
        </div>
      </div>
    </div>
  );
}
