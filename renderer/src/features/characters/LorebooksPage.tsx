import { useMemo, useState } from 'react';
import type { LorebookSummary } from '../../../../shared/contract/personas';
import { navigate } from '../../app/router';
import { useStores } from '../../app/stores';
import { Button, focusRing } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Menu } from '../../components/Menu';
import { useNow } from '../../components/useNow';
import { ErrorNote } from '../library/ErrorNote';
import { EmptyState } from './EmptyState';
import { agoText } from './galleryView';
import { pickLorebooks } from './importActions';
import { ImportResults } from './ImportResults';
import { SearchBox } from './SearchBox';
import { createLorebook, deleteLorebook, exportLorebook } from './lorebookActions';
import { useLorebookDrafts, useLorebookList } from './useCharacterStores';

function LorebookRow({
  book,
  unsaved,
  now,
}: {
  book: LorebookSummary;
  unsaved: boolean;
  now: number;
}) {
  const stores = useStores();
  return (
    <li
      data-testid="lorebook-row"
      className="group flex items-center gap-3 border-b border-line px-2 last:border-b-0 hover:bg-hover/50"
    >
      <button
        type="button"
        onClick={() => navigate({ screen: 'lorebooks', lorebookId: book.id })}
        className={`flex min-w-0 flex-1 items-center gap-3 rounded-md py-3 pl-2 text-left ${focusRing}`}
      >
        <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg border border-line bg-sunken text-muted">
          <Icon name="book" size={16} />
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-2">
            <span
              className="truncate text-[13.5px] font-medium text-fg"
              data-testid="lorebook-name"
            >
              {book.name}
            </span>
            {unsaved && (
              <span className="shrink-0 rounded-full bg-warn-soft px-1.5 text-[10.5px] font-medium text-warn">
                Unsaved
              </span>
            )}
          </span>
          <span className="block truncate text-[12px] text-subtle">
            {book.description.trim() || 'No description'}
          </span>
        </span>
        <span className="w-24 shrink-0 text-right text-[12px] text-muted tabular-nums">
          {book.entryCount} entr{book.entryCount === 1 ? 'y' : 'ies'}
        </span>
        <span className="hidden w-28 shrink-0 text-right text-[12px] text-subtle md:block">
          {agoText(book.updatedAt, now)}
        </span>
      </button>
      <Menu
        label={`Actions for ${book.name}`}
        triggerClassName="h-8 w-8"
        trigger={<Icon name="more" size={16} />}
        items={[
          {
            label: 'Export JSON',
            icon: 'download',
            onSelect: () => void exportLorebook(stores, book.id),
          },
          {
            label: 'Delete…',
            icon: 'trash',
            danger: true,
            onSelect: () => deleteLorebook(stores, book.id, book.name),
          },
        ]}
      />
    </li>
  );
}

/** Standalone lorebooks (SillyTavern world info) that chats can use besides a card's own. */
export function LorebooksPage() {
  const stores = useStores();
  const list = stores.characters.lorebooks;
  const lorebooks = useLorebookList((s) => s.lorebooks);
  const error = useLorebookList((s) => s.error);
  const imports = useLorebookList((s) => s.imports);
  const importing = useLorebookList((s) => s.importing);
  const drafts = useLorebookDrafts((s) => s.drafts);
  const [query, setQuery] = useState('');
  const now = useNow();
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return (lorebooks ?? []).filter(
      (b) => !q || `${b.name}\n${b.description}`.toLocaleLowerCase().includes(q),
    );
  }, [lorebooks, query]);
  const pick = (): void => pickLorebooks(stores);
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 px-6 py-5">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox
          label="Filter lorebooks"
          placeholder="Filter lorebooks"
          className="sm:max-w-sm"
          value={query}
          onChange={setQuery}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && shown[0]) {
              navigate({ screen: 'lorebooks', lorebookId: shown[0].id });
            }
          }}
        />
        <div className="ml-auto flex items-center gap-2">
          <Button data-testid="new-lorebook" onClick={() => void createLorebook(stores)}>
            <Icon name="plus" size={14} /> New lorebook
          </Button>
          <Button variant="primary" data-testid="import-lorebooks" onClick={pick}>
            <Icon name="import" size={14} /> Import JSON…
          </Button>
        </div>
      </div>
      {error && <ErrorNote error={error} />}
      <ImportResults
        outcomes={imports}
        importing={importing}
        onOpen={(id) => navigate({ screen: 'lorebooks', lorebookId: id })}
        onDismiss={() => list.getState().dismissImports()}
      />
      {lorebooks !== null && lorebooks.length === 0 && (
        <EmptyState
          testId="lorebooks-empty"
          className="mt-4"
          textClassName="max-w-md"
          icon={<Icon name="book" size={24} />}
          title="No lorebooks yet"
          actions={
            <div className="mt-6 flex gap-2">
              <Button variant="primary" onClick={pick}>
                <Icon name="import" size={14} /> Import JSON…
              </Button>
              <Button onClick={() => void createLorebook(stores)}>
                <Icon name="plus" size={14} /> New lorebook
              </Button>
            </div>
          }
        >
          A lorebook (world info) holds facts about a setting, each with keys. When a key comes up
          in a chat, its entry joins the prompt. Import a SillyTavern world-info JSON or a
          card&apos;s character_book, or start an empty one.
        </EmptyState>
      )}
      {shown.length > 0 && (
        <ul className="rounded-xl border border-line bg-raised" data-testid="lorebook-list">
          {shown.map((b) => (
            <LorebookRow key={b.id} book={b} now={now} unsaved={drafts[b.id]?.dirty ?? false} />
          ))}
        </ul>
      )}
      {lorebooks !== null && lorebooks.length > 0 && shown.length === 0 && (
        <p className="py-10 text-center text-[13px] text-subtle">No lorebook matches “{query}”.</p>
      )}
    </div>
  );
}
