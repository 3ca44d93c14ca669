import { useState } from 'react';
import type { CharacterBook, CharacterBookEntry } from '../../../../shared/cards';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { removeAt, replaceAt } from './chipEdit';
import { Chip, inputClass, Switch } from './formControls';
import { LoreEntryForm } from './LoreEntryForm';
import { entrySummary, keyProblem, newEntry, readEntry, writeEntry } from './loreForm';

function positionBadge(entry: CharacterBookEntry, index: number): string {
  const view = readEntry(entry, index);
  switch (view.position) {
    case 'before_char':
      return '↑ Char';
    case 'after_char':
      return '↓ Char';
    case 'before_examples':
      return '↑ Examples';
    case 'after_examples':
      return '↓ Examples';
    case 'at_depth':
      return `@${view.depth} ${view.role}`;
  }
}

function EntryRow({
  entry,
  index,
  expanded,
  onToggle,
  onChange,
  onDelete,
}: {
  entry: CharacterBookEntry;
  index: number;
  expanded: boolean;
  onToggle: () => void;
  onChange: (next: CharacterBookEntry) => void;
  onDelete: () => void;
}) {
  const view = readEntry(entry, index);
  const { title, firstLine } = entrySummary(entry, index);
  // Without a name the title is the first key: do not show it twice.
  const named =
    view.comment.trim() !== '' || (typeof entry.name === 'string' && entry.name.trim() !== '');
  const keys = named ? view.keys : view.keys.slice(1);
  const shownKeys = keys.slice(0, 4);
  return (
    <li
      data-testid="lore-entry"
      data-expanded={expanded || undefined}
      className={`rounded-lg border bg-raised transition-colors ${
        expanded ? 'border-line-strong shadow-sm' : 'border-line hover:border-line-strong/80'
      }`}
    >
      <div className="flex items-center gap-2.5 pr-1.5 pl-3">
        <Switch
          size="sm"
          label={`Entry ${title} enabled`}
          checked={view.enabled}
          onChange={(enabled) => onChange(writeEntry(entry, { enabled }))}
        />
        <button
          type="button"
          aria-expanded={expanded}
          data-testid="lore-entry-toggle"
          onClick={onToggle}
          className={`flex min-w-0 flex-1 items-center gap-2.5 py-2.5 text-left outline-none focus-visible:underline ${
            view.enabled ? '' : 'opacity-55'
          }`}
        >
          <Icon
            name="chevronRight"
            size={14}
            className={`shrink-0 text-subtle transition-transform ${expanded ? 'rotate-90' : ''}`}
          />
          <span className="flex min-w-0 flex-1 flex-col gap-0.5">
            <span className="flex min-w-0 items-center gap-1.5">
              <span
                className="truncate text-[13px] font-medium text-fg"
                data-testid="lore-entry-title"
              >
                {title}
              </span>
              {shownKeys.map((key, i) => {
                const problem = keyProblem(key, view);
                return (
                  <span
                    key={`${key}-${i}`}
                    title={problem ?? undefined}
                    className={`hidden max-w-32 shrink-0 truncate rounded px-1.5 text-[11px] leading-[18px] sm:inline ${
                      problem ? 'bg-danger-soft text-danger' : 'bg-sunken text-muted'
                    }`}
                  >
                    {key}
                  </span>
                );
              })}
              {keys.length > shownKeys.length && (
                <span className="shrink-0 text-[11px] text-subtle">
                  +{keys.length - shownKeys.length}
                </span>
              )}
            </span>
            <span className="truncate text-[12px] text-subtle">
              {firstLine || <em className="not-italic opacity-70">No content yet</em>}
            </span>
          </span>
        </button>
        <div className="hidden shrink-0 items-center gap-1 md:flex">
          {view.constant && <Chip tone="accent">Constant</Chip>}
          {view.probability < 100 && <Chip tone="warn">{view.probability}%</Chip>}
          <Chip>{positionBadge(entry, index)}</Chip>
        </div>
        <IconButton size="sm" aria-label={`Delete entry ${title}`} onClick={onDelete}>
          <Icon name="trash" size={13} />
        </IconButton>
      </div>
      {expanded && (
        <div className="border-t border-line bg-panel/40 px-4 pt-3.5 pb-4">
          <LoreEntryForm entry={entry} index={index} onChange={onChange} />
        </div>
      )}
    </li>
  );
}

function matches(entry: CharacterBookEntry, index: number, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  const view = readEntry(entry, index);
  return [view.comment, view.content, ...view.keys, ...view.secondaryKeys].some((text) =>
    text.toLocaleLowerCase().includes(q),
  );
}

/** A book's entries as compact rows (keys and first line) that open into the full editor. */
export function LoreEntriesEditor({
  book,
  onChange,
}: {
  book: CharacterBook;
  onChange: (next: CharacterBook) => void;
}) {
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const [query, setQuery] = useState('');
  const entries = book.entries;
  const setEntries = (next: CharacterBookEntry[]): void => onChange({ ...book, entries: next });
  const toggle = (i: number): void => {
    const next = new Set(open);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    setOpen(next);
  };
  const add = (): void => {
    setEntries([...entries, newEntry(entries)]);
    setOpen(new Set([...open, entries.length]));
    setQuery('');
  };
  const remove = (i: number): void => {
    setEntries(removeAt(entries, i));
    // Rows after the removed one move up by one.
    setOpen(new Set([...open].filter((n) => n !== i).map((n) => (n > i ? n - 1 : n))));
  };
  const shown = entries
    .map((entry, i) => ({ entry, i }))
    .filter((x) => matches(x.entry, x.i, query));
  const enabled = entries.filter((e, i) => readEntry(e, i).enabled).length;
  return (
    <div className="flex flex-col gap-3" data-testid="lore-entries">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-[13px] font-semibold">
          Entries{' '}
          <span className="font-normal text-subtle tabular-nums" data-testid="lore-entry-count">
            {entries.length} · {enabled} on
          </span>
        </h3>
        <div className="ml-auto flex items-center gap-2">
          {entries.length > 4 && (
            <div className="relative">
              <Icon
                name="search"
                size={13}
                className="pointer-events-none absolute top-1/2 left-2 -translate-y-1/2 text-subtle"
              />
              <input
                aria-label="Filter entries"
                placeholder="Filter entries"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                className={`${inputClass} !h-7 w-48 pl-7 text-[12.5px]`}
              />
            </div>
          )}
          {entries.length > 0 && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setOpen(open.size > 0 ? new Set() : new Set(entries.map((_, i) => i)))}
            >
              {open.size > 0 ? 'Collapse all' : 'Expand all'}
            </Button>
          )}
          <Button size="sm" data-testid="lore-add-entry" onClick={add}>
            <Icon name="plus" size={13} /> Add entry
          </Button>
        </div>
      </div>
      {entries.length === 0 ? (
        <div className="rounded-lg border border-dashed border-line-strong/70 px-6 py-8 text-center">
          <p className="text-[13px] font-medium">No entries yet</p>
          <p className="mx-auto mt-1 max-w-md text-[12.5px] text-muted">
            An entry is a piece of world knowledge with keys. When a key comes up in the chat, its
            content is added to the prompt.
          </p>
          <Button size="sm" variant="primary" className="mt-3" onClick={add}>
            <Icon name="plus" size={13} /> Add the first entry
          </Button>
        </div>
      ) : (
        <ul className="flex flex-col gap-1.5">
          {shown.map(({ entry, i }) => (
            <EntryRow
              key={i}
              entry={entry}
              index={i}
              expanded={open.has(i)}
              onToggle={() => toggle(i)}
              onChange={(next) => setEntries(replaceAt(entries, i, next))}
              onDelete={() => remove(i)}
            />
          ))}
          {shown.length === 0 && (
            <li className="py-4 text-center text-[12.5px] text-subtle">
              No entry matches “{query}”.
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
