import type { RepoModelFile } from '../../../../shared/contract/library';
import { Button, IconButton } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { Icon } from '../../components/Icon';
import { percentOf } from './libraryFormat';
import { useDownloads, useLibraryStores } from './LibraryProvider';
import { jobFor } from './downloadsStore';

/** The last cell of a repo file row: download, its live progress, or "In library". */
export function DownloadAction({ repoId, file }: { repoId: string; file: RepoModelFile }) {
  const { downloads, discover } = useLibraryStores();
  const job = useDownloads((s) => {
    const found = jobFor(s.jobs, repoId, file.id);
    // A finished download that was cleared or whose model was deleted is history.
    return found && found.state === 'completed' && s.dismissed[found.id] ? null : found;
  });
  const starting = useDownloads((s) => Boolean(s.starting[`${repoId}/${file.id}`]));
  const showLibrary = (): void => discover.getState().setTab('library');

  if (file.libraryId !== null || job?.state === 'completed') {
    return (
      <button
        type="button"
        data-testid="in-library"
        onClick={showLibrary}
        className="inline-flex items-center gap-1 text-[12px] font-medium text-ok hover:underline"
      >
        <Icon name="check" size={13} /> In library
      </button>
    );
  }
  if (job && (job.state === 'downloading' || job.state === 'queued' || job.state === 'verifying')) {
    const percent = percentOf(job);
    return (
      <div className="flex items-center justify-end gap-2">
        <div className="w-28">
          <div className="flex justify-between text-[10px] text-subtle tabular-nums">
            <span>
              {job.state === 'verifying'
                ? 'Verifying'
                : job.state === 'queued'
                  ? 'Queued'
                  : 'Downloading'}
            </span>
            <span>{percent}%</span>
          </div>
          <div
            className="mt-0.5 h-1.5 overflow-hidden rounded-full bg-hover"
            role="progressbar"
            aria-label={`Downloading ${file.name}`}
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div
              className="h-full rounded-full bg-accent transition-[width]"
              style={{ width: `${percent}%` }}
            />
          </div>
        </div>
        <IconButton
          size="sm"
          aria-label="Pause download"
          onClick={() => void downloads.getState().pause(job.id)}
        >
          <Icon name="pause" size={12} />
        </IconButton>
      </div>
    );
  }
  if (job && (job.state === 'paused' || job.state === 'error')) {
    return (
      <Button
        size="sm"
        variant="secondary"
        title={job.error?.message}
        onClick={() => void downloads.getState().resume(job.id)}
      >
        <Icon name="play" size={11} />
        {job.state === 'error' ? 'Retry' : `Resume ${percentOf(job)}%`}
      </Button>
    );
  }
  return (
    <Button
      size="sm"
      variant={file.recommended ? 'primary' : 'secondary'}
      data-testid="download-file"
      disabled={!file.complete || starting}
      title={file.complete ? `Download ${file.name}` : 'Some parts are missing from the repo'}
      onClick={() => void downloads.getState().start(repoId, file.id)}
    >
      {starting ? <Spinner size={11} /> : <Icon name="download" size={12} />}
      Download
    </Button>
  );
}
