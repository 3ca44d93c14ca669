import { Fragment } from 'react';
import type { RepoView } from '../../../../shared/contract/library';
import { formatBytes } from '../../components/format';
import { DownloadAction } from './DownloadAction';
import { FitBadge, FitDetails } from './FitBadge';
import { Icon } from '../../components/Icon';
import { useDiscover, useLibraryStores } from './LibraryProvider';

/** Every GGUF of the repo: quant, size, fit on this machine, and the download action. */
export function RepoFileTable({ view }: { view: RepoView }) {
  const { discover } = useLibraryStores();
  const fitting = useDiscover((s) => s.fitting);
  const expanded = useDiscover((s) => s.expanded);
  const hasGpu = view.hardware ? view.hardware.gpu !== false : false;
  return (
    <div className="overflow-hidden rounded-xl border border-line bg-raised">
      <table className="w-full border-collapse text-left text-[13px]">
        <thead>
          <tr className="border-b border-line bg-panel/70 text-[10px] font-semibold tracking-wide text-subtle uppercase">
            <th className="px-4 py-2 font-semibold">File</th>
            <th className="w-24 px-2 py-2 font-semibold">Quant</th>
            <th className="w-24 px-2 py-2 text-right font-semibold">Size</th>
            <th className="w-40 px-4 py-2 font-semibold">Fit</th>
            <th className="w-44 px-4 py-2 text-right font-semibold" aria-label="Action" />
          </tr>
        </thead>
        <tbody>
          {view.files.map((file) => {
            const open = expanded === file.id && file.fit !== null;
            const projector = file.role === 'projector';
            return (
              <Fragment key={file.id}>
                <tr
                  data-testid="repo-file"
                  data-quant={file.quant ?? ''}
                  data-recommended={file.recommended || undefined}
                  className={`border-b border-line last:border-b-0 ${
                    file.recommended ? 'bg-accent-soft/45' : ''
                  } ${projector ? 'text-subtle' : ''}`}
                >
                  <td className="max-w-0 px-4 py-2.5">
                    <div className="flex min-w-0 items-center gap-2">
                      <span className="truncate font-mono text-[12px]" title={file.id}>
                        {file.name}
                      </span>
                      {file.recommended && (
                        <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-accent px-2 py-px text-[10px] font-semibold text-white">
                          <Icon name="star" size={10} /> Recommended
                        </span>
                      )}
                      {file.split && (
                        <span className="shrink-0 rounded border border-line px-1.5 text-[10px] text-subtle">
                          {file.parts.length} parts{file.complete ? '' : ', incomplete'}
                        </span>
                      )}
                      {projector && (
                        <span className="shrink-0 rounded border border-line px-1.5 text-[10px] text-subtle">
                          vision projector
                        </span>
                      )}
                    </div>
                  </td>
                  <td className="px-2 py-2.5">
                    <span className="rounded bg-sunken px-1.5 py-0.5 font-mono text-[11px] text-fg/90">
                      {file.quant ?? '?'}
                    </span>
                  </td>
                  <td className="px-2 py-2.5 text-right text-muted tabular-nums">
                    {formatBytes(file.sizeBytes)}
                  </td>
                  <td className="px-4 py-2.5">
                    {!projector && (
                      <FitBadge
                        fit={file.fit}
                        error={file.fitError}
                        pending={fitting && file.fit === null && file.fitError === null}
                        open={open}
                        hasGpu={hasGpu}
                        onToggle={() => discover.getState().toggleDetails(file.id)}
                      />
                    )}
                  </td>
                  <td className="px-4 py-2 text-right">
                    <DownloadAction repoId={view.repoId} file={file} />
                  </td>
                </tr>
                {open && file.fit && (
                  <tr className="border-b border-line last:border-b-0">
                    <td colSpan={5} className="px-4 pt-1 pb-3">
                      <FitDetails fit={file.fit} hasGpu={hasGpu} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
