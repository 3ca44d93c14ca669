import { useEffect, useId, useRef, useState } from 'react';
import type { SearchHit } from '../../../../shared/contract';
import { splitHighlights } from '../../../../shared/chatExport/searchHighlight';
import { useStores, useUi } from '../../app/stores';
import { Kbd } from '../../components/Button';
import { toShownError } from '../../components/errors';
import { relativeTime } from '../../components/format';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';

const DEBOUNCE_MS = 120;

type Results =
  | { state: 'idle' }
  | { state: 'done'; query: string; hits: SearchHit[]; ms: number }
  | { state: 'error'; message: string };

/** The snippet as text with <mark>ed hits; never parsed as HTML. */
function Snippet({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((piece, i) =>
        piece.hit ? (
          <mark key={i} className="rounded-sm bg-accent-soft px-0.5 text-accent-text">
            {piece.text}
          </mark>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}

function SearchPanel({ onClose }: { onClose: () => void }) {
  const { client, messageActions } = useStores();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>({ state: 'idle' });
  const [active, setActive] = useState(0);
  // Hit ages are shown relative to when the search opened.
  const [now] = useState(() => Date.now());
  const listId = useId();
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    if (!query.trim()) return;
    const timer = setTimeout(() => {
      const started = performance.now();
      client.request('conversations.search', { query, limit: 50 }).then(
        ({ hits }) => {
          if (mine !== ticket.current) return;
          setResults({ state: 'done', query, hits, ms: performance.now() - started });
          setActive(0);
        },
        (error: unknown) => {
          if (mine === ticket.current) {
            setResults({ state: 'error', message: toShownError(error).message });
          }
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, query]);

  const hits = query.trim() && results.state === 'done' ? results.hits : [];
  const open = (hit: SearchHit | undefined): void => {
    if (!hit) return;
    onClose();
    void messageActions.reveal(hit.conversationId, hit.messageId);
  };

  return (
    <div className="flex max-h-[70vh] flex-col">
      <div className="flex items-center gap-2.5 border-b border-line px-4">
        <Icon name="search" size={16} className="shrink-0 text-subtle" />
        <input
          autoFocus
          data-testid="search-input"
          role="combobox"
          aria-label="Search all messages"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          placeholder="Search every message…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((a) => Math.min(Math.max(0, a + step), Math.max(0, hits.length - 1)));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              open(hits[active]);
            }
          }}
          className="h-12 flex-1 bg-transparent text-[15px] outline-none placeholder:text-subtle"
        />
        {results.state === 'done' && query.trim() && (
          <span
            className="shrink-0 text-[11px] text-subtle tabular-nums"
            data-testid="search-count"
          >
            {results.hits.length === 50 ? '50+' : results.hits.length}{' '}
            {results.hits.length === 1 ? 'result' : 'results'} · {Math.round(results.ms)} ms
          </span>
        )}
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label="Search results"
        className="min-h-0 flex-1 overflow-y-auto p-1.5"
      >
        {hits.map((hit, i) => (
          <li
            key={hit.messageId}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            data-testid="search-result"
            onMouseMove={() => setActive(i)}
            onClick={() => open(hit)}
            className={`cursor-pointer rounded-lg px-3 py-2 ${i === active ? 'bg-hover' : ''}`}
          >
            <div className="flex items-center gap-2 text-[11px] text-subtle">
              <span className="truncate font-medium text-fg/90">{hit.conversationTitle}</span>
              <span>·</span>
              <span>
                {hit.role === 'user' ? 'You' : hit.role === 'assistant' ? 'Assistant' : hit.role}
              </span>
              <span className="ml-auto shrink-0 tabular-nums">
                {relativeTime(hit.createdAt, now)}
              </span>
            </div>
            <p className="mt-0.5 line-clamp-2 text-[13px] leading-snug text-muted [overflow-wrap:anywhere]">
              <Snippet text={hit.snippet} />
            </p>
          </li>
        ))}
      </ul>
      {results.state === 'error' && (
        <p role="alert" className="px-4 pb-3 text-[13px] text-danger">
          {results.message}
        </p>
      )}
      {query.trim() && results.state === 'done' && results.hits.length === 0 && (
        <p className="px-4 pb-4 text-[13px] text-muted">
          Nothing matches “{results.query}”. Try fewer words, or a prefix like{' '}
          <code className="rounded bg-sunken px-1">regex*</code>.
        </p>
      )}
      {!query.trim() && (
        <p className="px-4 pt-1 pb-4 text-[12px] leading-relaxed text-subtle">
          Searches every message of every chat, alternatives included. Use{' '}
          <code className="rounded bg-sunken px-1">word*</code> for prefixes and{' '}
          <code className="rounded bg-sunken px-1">"exact phrase"</code> for phrases.
        </p>
      )}
      <div className="flex items-center gap-3 border-t border-line bg-panel/60 px-4 py-2 text-[11px] text-subtle">
        <span className="flex items-center gap-1">
          <Kbd>↑</Kbd>
          <Kbd>↓</Kbd> move
        </span>
        <span className="flex items-center gap-1">
          <Kbd>Enter</Kbd> open
        </span>
        <span className="flex items-center gap-1">
          <Kbd>Esc</Kbd> close
        </span>
      </div>
    </div>
  );
}

/** Full-text search over every message; a hit opens its conversation at the message. */
export function SearchDialog() {
  const { ui } = useStores();
  const open = useUi((s) => s.overlay === 'search');
  const close = (): void => ui.getState().close();
  return (
    <Overlay open={open} label="Search messages" onClose={close} testId="search-dialog">
      <SearchPanel onClose={close} />
    </Overlay>
  );
}
