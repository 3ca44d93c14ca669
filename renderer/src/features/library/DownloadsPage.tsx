import type { DownloadJobInfo } from '../../../../shared/contract/library';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ErrorNote } from './ErrorNote';
import { STATE_LABELS, isActive, percentOf, progressLine, splitRepoId } from './libraryFormat';
import { useDownloads, useLibraryStores } from './LibraryProvider';

const STATE_CLASSES: Record<DownloadJobInfo['state'], string> = {
  queued: 'text-subtle',
  downloading: 'text-accent-text',
  verifying: 'text-accent-text',
  paused: 'text-warn',
  completed: 'text-ok',
  error: 'text-danger',
  cancelled: 'text-subtle',
};

function DownloadCard({ job }: { job: DownloadJobInfo }) {
  const { downloads, discover } = useLibraryStores();
  const { name } = splitRepoId(job.repoId);
  const percent = percentOf(job);
  const running = isActive(job);
  const done = job.state === 'completed';
  return (
    <li
      data-testid="download-card"
      data-state={job.state}
      className="rounded-xl border border-line bg-raised px-4 py-3"
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <div className="truncate font-mono text-[12px] text-fg" title={job.modelFile}>
            {job.modelFile.split('/').pop()}
            {job.files.length > 1 && (
              <span className="ml-2 font-sans text-[11px] text-subtle">
                {job.files.length} parts
              </span>
            )}
          </div>
          <div className="truncate text-[11px] text-subtle">
            {job.repoId.replace(`/${name}`, ` / ${name}`)}
          </div>
        </div>
        <span className={`text-[11px] font-semibold ${STATE_CLASSES[job.state]}`}>
          {STATE_LABELS[job.state]}
        </span>
        <div className="flex items-center gap-1">
          {running && (
            <IconButton
              size="sm"
              aria-label="Pause"
              data-testid="download-pause"
              onClick={() => void downloads.getState().pause(job.id)}
            >
              <Icon name="pause" size={12} />
            </IconButton>
          )}
          {(job.state === 'paused' || job.state === 'error') && (
            <IconButton
              size="sm"
              aria-label={job.state === 'error' ? 'Retry' : 'Resume'}
              data-testid="download-resume"
              onClick={() => void downloads.getState().resume(job.id)}
            >
              <Icon name="play" size={12} />
            </IconButton>
          )}
          {!done && job.state !== 'cancelled' ? (
            <IconButton
              size="sm"
              aria-label="Cancel and delete the partial file"
              data-testid="download-cancel"
              onClick={() => void downloads.getState().cancel(job.id)}
            >
              <Icon name="x" size={13} />
            </IconButton>
          ) : (
            <IconButton
              size="sm"
              aria-label="Remove from the list"
              onClick={() => downloads.getState().dismiss(job.id)}
            >
              <Icon name="x" size={13} />
            </IconButton>
          )}
        </div>
      </div>
      {!done && job.state !== 'cancelled' && (
        <>
          <div
            className="mt-2.5 h-2 overflow-hidden rounded-full bg-hover"
            role="progressbar"
            data-testid="download-progress"
            aria-label={`Download of ${job.modelFile}`}
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div
              className={`h-full rounded-full transition-[width] duration-300 ${
                job.state === 'error'
                  ? 'bg-danger/60'
                  : job.state === 'paused'
                    ? 'bg-warn/70'
                    : 'bg-accent'
              } ${job.state === 'verifying' ? 'animate-pulse' : ''}`}
              style={{ width: `${percent}%` }}
            />
          </div>
          <div
            data-testid="download-figures"
            className="mt-1.5 text-[11px] text-muted tabular-nums"
          >
            {job.state === 'verifying' ? 'Checking the sha256 against the Hub…' : progressLine(job)}
            {job.stats.retries > 0 && ` · ${job.stats.retries} retried`}
          </div>
        </>
      )}
      {done && (
        <div className="mt-1.5 flex items-center gap-2 text-[11px] text-muted">
          <Icon name="check" size={12} className="text-ok" />
          Verified against the Hub’s sha256 and saved to your library.
          <button
            type="button"
            className="font-medium text-accent-text hover:underline"
            onClick={() => discover.getState().setTab('library')}
          >
            Open My Models
          </button>
        </div>
      )}
      {job.error && job.state === 'error' && (
        <div className="mt-2.5">
          <ErrorNote error={job.error} testId="download-error" />
        </div>
      )}
    </li>
  );
}

/** The download manager: every download with its progress and controls. */
export function DownloadsPage() {
  const { discover, downloads } = useLibraryStores();
  const jobs = useDownloads((s) => s.jobs);
  const dismissed = useDownloads((s) => s.dismissed);
  const error = useDownloads((s) => s.error);
  const shown = Object.values(jobs)
    .filter((j) => j.state !== 'cancelled' && !dismissed[j.id])
    .sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || b.createdAt - a.createdAt);
  return (
    <div className="mx-auto w-full max-w-3xl px-6 py-6">
      {error && (
        <div className="mb-3">
          <ErrorNote
            error={error}
            action={
              <button
                type="button"
                className="underline"
                onClick={() => downloads.getState().clearError()}
              >
                Dismiss
              </button>
            }
          />
        </div>
      )}
      {shown.length === 0 ? (
        <div className="mt-10 flex flex-col items-center text-center">
          <div className="flex h-12 w-12 items-center justify-center rounded-xl border border-line bg-sunken text-muted">
            <Icon name="download" size={22} />
          </div>
          <h2 className="mt-4 text-base font-semibold">No downloads</h2>
          <p className="mt-1 max-w-sm text-[13px] text-muted">
            Downloads resume after a restart and are checked against the Hub’s sha256 before they
            reach your library.
          </p>
          <Button
            variant="primary"
            className="mt-4"
            onClick={() => discover.getState().setTab('discover')}
          >
            <Icon name="compass" size={14} /> Find a model
          </Button>
        </div>
      ) : (
        <ul className="flex flex-col gap-2.5">
          {shown.map((job) => (
            <DownloadCard key={job.id} job={job} />
          ))}
        </ul>
      )}
    </div>
  );
}
