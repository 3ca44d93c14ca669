import { navigate } from '../../app/router';
import { Button, focusRing } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import type { CatalogEntry, HubModelSummary } from '../../../../shared/contract/library';
import { ErrorNote } from './ErrorNote';
import { Icon } from '../../components/Icon';
import { formatContext, formatCount, splitRepoId } from './libraryFormat';
import { useDiscover, useLibraryStores } from './LibraryProvider';

const open = (repoId: string): void => navigate({ screen: 'models', repoId });

function CatalogCard({ entry }: { entry: CatalogEntry }) {
  const { owner } = splitRepoId(entry.repoId);
  return (
    <button
      type="button"
      data-testid="catalog-card"
      onClick={() => open(entry.repoId)}
      className={`group flex flex-col rounded-xl border border-line bg-raised p-4 text-left transition-colors hover:border-line-strong hover:bg-hover/40 ${focusRing}`}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="rounded-full bg-accent-soft px-2 py-0.5 text-[10px] font-semibold text-accent-text">
          {entry.family}
        </span>
        <span className="text-[18px] font-semibold tracking-tight text-fg/90 tabular-nums">
          {entry.parameters}
        </span>
      </div>
      <div className="mt-3 text-[14px] font-semibold">{entry.title}</div>
      <div className="text-[11px] text-subtle">
        {entry.baseModel} · {owner}
      </div>
      <p className="mt-2 flex-1 text-[12px] leading-relaxed text-muted">{entry.description}</p>
      <div className="mt-3 flex items-center gap-3 border-t border-line pt-2.5 text-[11px] text-subtle">
        <span>{formatContext(entry.contextLength)} context</span>
        {entry.toolUse && (
          <span className="inline-flex items-center gap-1">
            <Icon name="wrench" size={11} /> Tools
          </span>
        )}
        <span className="ml-auto inline-flex items-center gap-0.5 font-medium text-accent-text opacity-80 group-hover:opacity-100">
          Files <Icon name="chevronRight" size={12} />
        </span>
      </div>
    </button>
  );
}

function ResultRow({ result }: { result: HubModelSummary }) {
  const { owner, name } = splitRepoId(result.id);
  return (
    <li className="border-b border-line last:border-b-0">
      <button
        type="button"
        data-testid="search-result"
        onClick={() => open(result.id)}
        className="flex w-full items-center gap-3 px-4 py-2.5 text-left outline-none hover:bg-hover focus-visible:bg-hover"
      >
        <span className="min-w-0 flex-1 truncate text-[13px]">
          <span className="text-subtle">{owner}/</span>
          <span className="font-medium">{name}</span>
        </span>
        {result.gated && (
          <span className="inline-flex items-center gap-1 rounded-full border border-warn/40 bg-warn-soft px-2 py-px text-[10px] text-warn">
            <Icon name="lock" size={10} /> Gated
          </span>
        )}
        <span className="inline-flex w-16 items-center justify-end gap-1 text-[11px] text-subtle tabular-nums">
          <Icon name="download" size={11} /> {formatCount(result.downloads)}
        </span>
        <span className="inline-flex w-12 items-center justify-end gap-1 text-[11px] text-subtle tabular-nums">
          <Icon name="heart" size={11} /> {formatCount(result.likes)}
        </span>
        <Icon name="chevronRight" size={14} className="text-subtle" />
      </button>
    </li>
  );
}

function SearchResults() {
  const { discover } = useLibraryStores();
  const searched = useDiscover((s) => s.searched);
  const results = useDiscover((s) => s.results);
  const searching = useDiscover((s) => s.searching);
  const error = useDiscover((s) => s.searchError);
  if (searched === null) return null;
  return (
    <section className="mt-5" aria-label="Search results">
      <div className="mb-2 flex items-center gap-2">
        <h3 className="text-[11px] font-semibold tracking-wide text-subtle uppercase">
          Results for “{searched}”
        </h3>
        {searching && <Spinner size={12} className="text-subtle" />}
        <button
          type="button"
          onClick={() => discover.getState().clearSearch()}
          className="ml-auto text-[12px] text-subtle hover:text-fg"
        >
          Clear
        </button>
      </div>
      {error && <ErrorNote error={error} />}
      {results && results.length === 0 && !searching && (
        <p className="rounded-xl border border-dashed border-line-strong/70 px-4 py-6 text-center text-[13px] text-muted">
          No GGUF repositories match “{searched}”. Try a shorter name, like “hermes”.
        </p>
      )}
      {results && results.length > 0 && (
        <ul className="overflow-hidden rounded-xl border border-line bg-raised">
          {results.map((r) => (
            <ResultRow key={r.id} result={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Discover: search the Hub for GGUF repos, or start from the curated Hermes models. */
export function DiscoverPage() {
  const { discover } = useLibraryStores();
  const query = useDiscover((s) => s.query);
  const searching = useDiscover((s) => s.searching);
  const catalog = useDiscover((s) => s.catalog);
  const catalogError = useDiscover((s) => s.catalogError);
  const endpoint = useDiscover((s) => s.token?.endpoint ?? null);
  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-6">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void discover.getState().search();
        }}
        className="flex gap-2"
      >
        <div className="relative min-w-0 flex-1">
          <Icon
            name="search"
            size={15}
            className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-subtle"
          />
          <input
            data-testid="hub-search"
            aria-label="Search Hugging Face"
            value={query}
            onChange={(e) => discover.getState().setQuery(e.target.value)}
            placeholder="Search Hugging Face for GGUF models…"
            spellCheck={false}
            className="h-10 w-full rounded-lg border border-line-strong/70 bg-raised pr-3 pl-9 text-[14px] text-fg outline-none placeholder:text-subtle focus:border-accent/60 focus:ring-3 focus:ring-accent/15"
          />
        </div>
        <Button type="submit" variant="primary" className="h-10 px-4" disabled={searching}>
          {searching ? <Spinner size={13} /> : null}
          Search
        </Button>
      </form>
      {endpoint && (
        <p className="mt-1.5 text-[11px] text-subtle">
          GGUF repositories on {new URL(endpoint).host}
        </p>
      )}
      <SearchResults />
      <section className="mt-7" aria-label="Hermes models">
        <div className="mb-3 flex items-baseline gap-2">
          <h3 className="text-[15px] font-semibold">Hermes models</h3>
          <span className="text-[12px] text-subtle">
            Curated GGUF builds of the Nous Research family
          </span>
        </div>
        {catalogError && <ErrorNote error={catalogError} />}
        {!catalog && !catalogError && (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {[0, 1, 2].map((i) => (
              <div
                key={i}
                className="h-44 animate-pulse rounded-xl border border-line bg-sunken/60"
              />
            ))}
          </div>
        )}
        {catalog && (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {catalog.map((entry) => (
              <CatalogCard key={entry.repoId} entry={entry} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
