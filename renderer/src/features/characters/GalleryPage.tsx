import { useMemo, useState, type KeyboardEvent } from 'react';
import { navigate } from '../../app/router';
import { useStores } from '../../app/stores';
import { Button, focusRing } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ErrorNote } from '../library/ErrorNote';
import { NEW_CHARACTER } from './characterDrafts';
import { CharacterTile } from './CharacterTile';
import { EmptyState } from './EmptyState';
import { Segmented } from './formControls';
import { sortCharacters, type GallerySort } from './galleryView';
import { pickCharacters } from './importActions';
import { ImportResults } from './ImportResults';
import { SearchBox } from './SearchBox';
import { useCharacterDrafts, useGallery } from './useCharacterStores';

const TAGS_SHOWN = 14;

function TagFilter() {
  const { characters } = useStores();
  const tags = useGallery((s) => s.tags);
  const active = useGallery((s) => s.tag);
  const total = useGallery((s) => s.total);
  const [all, setAll] = useState(false);
  if (tags.length === 0) return null;
  const shown = all ? tags : tags.slice(0, TAGS_SHOWN);
  // The chosen tag stays visible even when it is not among the most used.
  const chosen = active ? tags.find((t) => t.tag.toLowerCase() === active.toLowerCase()) : null;
  if (chosen && !shown.includes(chosen)) shown.push(chosen);
  const chip = (selected: boolean): string =>
    `inline-flex h-7 items-center gap-1.5 rounded-full border px-3 text-[12px] font-medium transition-colors ${focusRing} ${
      selected
        ? 'border-accent/50 bg-accent-soft text-accent-text'
        : 'border-line bg-raised text-muted hover:border-line-strong hover:text-fg'
    }`;
  const select = (tag: string | null): void => characters.gallery.getState().setTag(tag);
  return (
    <div role="group" aria-label="Filter by tag" className="flex flex-wrap items-center gap-1.5">
      <button type="button" className={chip(active === null)} onClick={() => select(null)}>
        All
        {total !== null && <span className="tabular-nums opacity-70">{total}</span>}
      </button>
      {shown.map(({ tag, count }) => {
        const selected = active?.toLowerCase() === tag.toLowerCase();
        return (
          <button
            key={tag}
            type="button"
            data-testid="tag-filter"
            aria-pressed={selected}
            className={chip(selected)}
            onClick={() => select(selected ? null : tag)}
          >
            {tag}
            <span className="tabular-nums opacity-70">{count}</span>
          </button>
        );
      })}
      {tags.length > TAGS_SHOWN && (
        <button
          type="button"
          onClick={() => setAll((v) => !v)}
          className={`h-7 rounded-full px-2 text-[12px] text-accent-text hover:underline ${focusRing}`}
        >
          {all ? 'Fewer tags' : `${tags.length - TAGS_SHOWN} more`}
        </button>
      )}
    </div>
  );
}

function EmptyLibrary({ onImport }: { onImport: () => void }) {
  return (
    <EmptyState
      testId="characters-empty"
      className="mx-auto mt-6 max-w-2xl"
      textClassName="max-w-lg"
      icon={<Icon name="users" size={26} />}
      title="No characters yet"
      actions={
        <>
          <Button
            variant="primary"
            className="mt-6 !h-10 !px-5 !text-[14px]"
            onClick={onImport}
            data-testid="empty-import"
          >
            <Icon name="import" size={16} /> Import character card
          </Button>
          <div className="mt-3 flex items-center gap-1.5 text-[12px] text-subtle">
            or drop card files anywhere here ·
            <button
              type="button"
              onClick={() => navigate({ screen: 'characters', characterId: NEW_CHARACTER })}
              className={`rounded font-medium text-accent-text hover:underline ${focusRing}`}
            >
              create one from scratch
            </button>
          </div>
        </>
      }
    >
      A <span className="font-medium text-fg">character card</span> is a PNG picture or a JSON file
      that carries a whole character: who they are, how they greet you, example dialogues, and often
      a lorebook of their world. Cards from SillyTavern, Chub or RisuAI work here (V1, V2 and V3).
    </EmptyState>
  );
}

/** The character gallery: search, tags, sort, import, and a grid of cards. */
export function GalleryPage() {
  const stores = useStores();
  const gallery = stores.characters.gallery;
  const characters = useGallery((s) => s.characters);
  const total = useGallery((s) => s.total);
  const query = useGallery((s) => s.query);
  const tag = useGallery((s) => s.tag);
  const sort = useGallery((s) => s.sort);
  const error = useGallery((s) => s.error);
  const imports = useGallery((s) => s.imports);
  const importing = useGallery((s) => s.importing);
  const drafts = useCharacterDrafts((s) => s.drafts);
  const sorted = useMemo(() => sortCharacters(characters ?? [], sort), [characters, sort]);
  const pick = (): void => pickCharacters(stores);
  const filtered = query.trim() !== '' || tag !== null;
  const empty = characters !== null && !filtered && total === 0;

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter' && sorted[0]) {
      e.preventDefault();
      navigate({ screen: 'characters', characterId: sorted[0].id });
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      e.stopPropagation();
      gallery.getState().setQuery('');
    }
  };

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-6 py-5">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox
          testId="character-search"
          label="Search characters"
          placeholder="Search by name, tag or creator"
          className="sm:max-w-md"
          value={query}
          onChange={(q) => gallery.getState().setQuery(q)}
          onKeyDown={onSearchKey}
        />
        <Segmented<GallerySort>
          label="Sort"
          value={sort}
          onChange={(s) => gallery.getState().setSort(s)}
          testId="character-sort"
          options={[
            { value: 'recent', label: 'Recent', title: 'Most recently changed first' },
            { value: 'name', label: 'Name', title: 'A to Z' },
          ]}
        />
        <div className="ml-auto flex items-center gap-2">
          <Button
            data-testid="new-character"
            onClick={() => navigate({ screen: 'characters', characterId: NEW_CHARACTER })}
          >
            <Icon name="plus" size={14} /> New character
          </Button>
          <Button variant="primary" data-testid="import-characters" onClick={pick}>
            <Icon name="import" size={14} /> Import cards…
          </Button>
        </div>
      </div>
      {!empty && <TagFilter />}
      {error && <ErrorNote error={error} />}
      <ImportResults
        outcomes={imports}
        importing={importing}
        onOpen={(id) => navigate({ screen: 'characters', characterId: id })}
        onDismiss={() => gallery.getState().dismissImports()}
      />
      {empty && <EmptyLibrary onImport={pick} />}
      {characters !== null && !empty && sorted.length === 0 && (
        <div className="py-14 text-center" data-testid="characters-no-match">
          <p className="text-[14px] font-medium">No characters match</p>
          <p className="mt-1 text-[13px] text-muted">
            {query.trim() && <>Nothing named, tagged or made by “{query.trim()}”</>}
            {query.trim() && tag && ' with the tag '}
            {!query.trim() && tag && 'Nothing has the tag '}
            {tag && <span className="font-medium text-fg">{tag}</span>}.
          </p>
          <Button
            size="sm"
            className="mt-4"
            onClick={() => {
              gallery.getState().setQuery('');
              gallery.getState().setTag(null);
            }}
          >
            Clear the search
          </Button>
        </div>
      )}
      {sorted.length > 0 && (
        <ul
          data-testid="character-grid"
          className="grid grid-cols-[repeat(auto-fill,minmax(176px,1fr))] gap-4"
        >
          {sorted.map((c) => (
            <CharacterTile key={c.id} character={c} unsaved={drafts[c.id]?.dirty ?? false} />
          ))}
        </ul>
      )}
    </div>
  );
}
