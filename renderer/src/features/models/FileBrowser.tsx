import type { DirEntry } from '../../../../shared/contract';
import { useModels, useStores } from '../../app/stores';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../components/format';

/**
 * A folder view over `system.browse`: sub-folders and .gguf files, with parent navigation. A click
 * on a file selects it, a double-click acts on it (load, import). The folder shown is shared by
 * every browser, so the import dialog opens where the load dialog was left.
 */
export function FileBrowser({
  disabled,
  selected,
  onSelect,
  onActivate,
  activateHint = 'load',
}: {
  disabled: boolean;
  selected: string;
  onSelect: (path: string) => void;
  onActivate: (path: string) => void;
  activateHint?: string;
}) {
  const { models } = useStores();
  const browse = useModels((s) => s.browse);
  const browsing = useModels((s) => s.browsing);
  const error = useModels((s) => s.browseError);
  const home = useModels((s) => s.info?.homeDir);

  const open = (entry: DirEntry): void => {
    if (entry.kind === 'dir') void models.getState().browseTo(entry.path);
    else onSelect(entry.path);
  };

  return (
    <div className="overflow-hidden rounded-lg border border-line">
      <div className="flex h-9 items-center gap-1 border-b border-line bg-sunken/60 px-1.5">
        <IconButton
          size="sm"
          aria-label="Parent folder"
          disabled={!browse?.parent || browsing}
          onClick={() => browse?.parent && void models.getState().browseTo(browse.parent)}
        >
          <Icon name="up" size={14} />
        </IconButton>
        <IconButton
          size="sm"
          aria-label="Home folder"
          disabled={!home || browsing}
          onClick={() => void models.getState().browseTo(home)}
        >
          <Icon name="home" size={14} />
        </IconButton>
        <span
          data-testid="browse-path"
          className="ml-1 min-w-0 flex-1 truncate font-mono text-[11px] text-muted"
          title={browse?.path}
        >
          {browse?.path ?? '…'}
        </span>
        {browsing && <Spinner size={12} className="mr-1.5 text-subtle" />}
      </div>
      <ul className="h-52 overflow-y-auto py-1" aria-label="Files" aria-busy={browsing}>
        {error && <li className="px-3 py-2 text-xs text-danger">{error.message}</li>}
        {browse && browse.entries.length === 0 && !error && (
          <li className="px-3 py-6 text-center text-xs text-subtle">
            No folders or .gguf files here
          </li>
        )}
        {browse?.entries.map((entry) => {
          const isSelected = entry.kind === 'gguf' && entry.path === selected;
          return (
            <li key={entry.path}>
              <button
                type="button"
                disabled={disabled}
                data-testid="browse-entry"
                data-kind={entry.kind}
                onClick={() => open(entry)}
                onDoubleClick={() => entry.kind === 'gguf' && onActivate(entry.path)}
                title={
                  entry.kind === 'gguf'
                    ? `Click to select, double-click to ${activateHint}`
                    : entry.path
                }
                className={`flex w-full items-center gap-2 px-3 py-1 text-left text-[13px] outline-none focus-visible:bg-hover ${
                  isSelected ? 'bg-accent-soft text-accent-text' : 'hover:bg-hover'
                }`}
              >
                <Icon
                  name={entry.kind === 'dir' ? 'folder' : 'file'}
                  size={14}
                  className={
                    entry.kind === 'dir' ? 'shrink-0 text-subtle' : 'shrink-0 text-accent-text'
                  }
                />
                <span
                  className={`min-w-0 flex-1 truncate ${entry.kind === 'gguf' ? 'font-mono text-[12px]' : ''}`}
                >
                  {entry.name}
                </span>
                {entry.kind === 'gguf' && (
                  <span className="shrink-0 text-[11px] text-subtle tabular-nums">
                    {formatBytes(entry.sizeBytes)}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
