import { navigate } from '../../app/router';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { ErrorNote } from './ErrorNote';
import { FIT_CONTEXTS } from './discoverStore';
import { formatContext, formatCount, hardwareLine, splitRepoId } from './libraryFormat';
import { useDiscover, useLibraryStores } from './LibraryProvider';
import { RepoFileTable } from './RepoFileTable';

function Skeleton() {
  return (
    <div className="overflow-hidden rounded-xl border border-line" aria-label="Loading files">
      {[0, 1, 2, 3].map((i) => (
        <div
          key={i}
          className="flex items-center gap-4 border-b border-line px-4 py-3 last:border-b-0"
        >
          <div className="h-3 w-64 animate-pulse rounded bg-sunken" />
          <div className="h-3 w-14 animate-pulse rounded bg-sunken" />
          <div className="ml-auto h-6 w-24 animate-pulse rounded bg-sunken" />
        </div>
      ))}
    </div>
  );
}

/** One Hub repository: its GGUF files, what fits this machine, and what to download. */
export function RepoPage({ repoId }: { repoId: string }) {
  const { discover } = useLibraryStores();
  const view = useDiscover((s) => (s.repo?.repoId === repoId ? s.repo : null));
  const loading = useDiscover((s) => s.repoLoading);
  const fitting = useDiscover((s) => s.fitting);
  const error = useDiscover((s) => s.repoError);
  const contextSize = useDiscover((s) => s.contextSize);
  const token = useDiscover((s) => s.token);
  const catalog = useDiscover((s) => s.catalog?.find((c) => c.repoId === repoId) ?? null);
  const { owner, name } = splitRepoId(repoId);
  const recommended = view?.files.find((f) => f.recommended) ?? null;
  const models = view?.files.filter((f) => f.role === 'model') ?? [];

  return (
    <div className="mx-auto w-full max-w-5xl px-6 py-5">
      <button
        type="button"
        onClick={() => navigate({ screen: 'models', repoId: null })}
        className="mb-3 inline-flex items-center gap-1 text-[12px] text-subtle hover:text-fg"
      >
        <Icon name="arrowLeft" size={13} /> Discover
      </button>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="text-[12px] text-subtle">{owner}</div>
          <h2 data-testid="repo-title" className="truncate text-xl font-semibold tracking-tight">
            {name}
          </h2>
          {catalog && (
            <p className="mt-1 max-w-2xl text-[13px] text-muted">{catalog.description}</p>
          )}
          {view && (
            <div className="mt-2 flex flex-wrap items-center gap-3 text-[12px] text-subtle">
              <span className="inline-flex items-center gap-1">
                <Icon name="download" size={12} /> {formatCount(view.downloads)}
              </span>
              <span className="inline-flex items-center gap-1">
                <Icon name="heart" size={12} /> {formatCount(view.likes)}
              </span>
              {view.gated && (
                <span className="inline-flex items-center gap-1 rounded-full border border-warn/40 bg-warn-soft px-2 py-px text-warn">
                  <Icon name="lock" size={11} /> Gated
                </span>
              )}
              <a
                href={view.url}
                target="_blank"
                rel="noreferrer noopener"
                className="inline-flex items-center gap-1 hover:text-fg"
              >
                <Icon name="external" size={12} /> Hugging Face page
              </a>
            </div>
          )}
        </div>
        <label className="flex items-center gap-2 text-[12px] text-muted">
          Fit at
          <select
            data-testid="fit-context"
            value={contextSize}
            onChange={(e) => void discover.getState().setContextSize(Number(e.target.value))}
            className="h-7 rounded-md border border-line-strong/70 bg-raised px-2 text-[12px] text-fg outline-none focus:border-accent/60"
          >
            {FIT_CONTEXTS.map((n) => (
              <option key={n} value={n}>
                {formatContext(n)} tokens
              </option>
            ))}
          </select>
          of context
        </label>
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border border-line bg-panel px-3 py-2 text-[12px] text-muted">
        <Icon name="chip" size={14} className="shrink-0 text-subtle" />
        <span className="font-medium text-fg">This machine</span>
        <span data-testid="hardware-line">
          {view?.hardware ? hardwareLine(view.hardware) : fitting ? 'Detecting…' : '—'}
        </span>
        {fitting && <Spinner size={12} className="ml-auto text-subtle" />}
      </div>

      {view?.gated && token && !token.configured && (
        <div className="mt-3 flex items-center gap-3 rounded-lg border border-warn/40 bg-warn-soft px-3 py-2 text-[12px] text-warn">
          <Icon name="lock" size={14} className="shrink-0" />
          <span className="flex-1">
            This repository is gated: accept its terms on Hugging Face, then add an access token.
          </span>
          <Button size="sm" onClick={() => discover.getState().openTokenDialog(true)}>
            <Icon name="key" size={12} /> Add token
          </Button>
        </div>
      )}

      {recommended && view?.recommended && (
        <div
          data-testid="recommendation"
          className="mt-3 flex items-center gap-3 rounded-lg border border-accent/35 bg-accent-soft px-3 py-2.5 text-[13px]"
        >
          <Icon name="star" size={16} className="shrink-0 text-accent-text" />
          <div className="min-w-0 flex-1">
            <span className="font-semibold text-accent-text">
              Recommended: {recommended.quant ?? recommended.name}
            </span>
            <span className="text-muted"> — {view.recommended.reason}</span>
          </div>
        </div>
      )}

      <div className="mt-4">
        {error && <ErrorNote error={error} testId="repo-error" />}
        {!error && loading && !view && <Skeleton />}
        {view && models.length === 0 && (
          <p className="rounded-xl border border-dashed border-line-strong/70 px-4 py-8 text-center text-[13px] text-muted">
            This repository has no GGUF model files.
          </p>
        )}
        {view && view.files.length > 0 && <RepoFileTable view={view} />}
        {view?.fitted && (
          <p className="mt-2 text-[11px] text-subtle">
            Estimates come from each file’s GGUF header (read by range, nothing downloaded) at{' '}
            {contextSize.toLocaleString('en-US')} tokens of context, or the model’s trained length
            if shorter. Click a badge for the numbers.
          </p>
        )}
      </div>
    </div>
  );
}
