import { useEffect } from 'react';
import { navigate } from '../../app/router';
import { focusRing, IconButton } from '../../components/Button';
import { ThemeToggle } from '../settings/ThemeToggle';
import type { LibraryTab } from './discoverStore';
import { DiscoverPage } from './DiscoverPage';
import { DownloadsPage } from './DownloadsPage';
import { Icon, type IconName } from '../../components/Icon';
import { DeleteModelDialog, ImportDialog, TokenDialog } from './LibraryDialogs';
import { isActive } from './libraryFormat';
import { useDiscover, useDownloads, useLibraryStores, useShelf } from './LibraryProvider';
import { LoadSettingsDialog } from './LoadSettingsDialog';
import { MyModelsPage } from './MyModelsPage';
import { RepoPage } from './RepoPage';

function Tab({
  tab,
  label,
  icon,
  count,
}: {
  tab: LibraryTab;
  label: string;
  icon: IconName;
  count?: number;
}) {
  const { discover } = useLibraryStores();
  const current = useDiscover((s) => s.tab);
  const active = current === tab;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      data-testid={`tab-${tab}`}
      onClick={() => {
        discover.getState().setTab(tab);
        navigate({ screen: 'models', repoId: null });
      }}
      className={`relative flex h-12 items-center gap-1.5 px-1 text-[13px] font-medium transition-colors ${focusRing} ${
        active ? 'text-fg' : 'text-subtle hover:text-fg'
      }`}
    >
      <Icon name={icon} size={15} />
      {label}
      {count !== undefined && count > 0 && (
        <span
          className={`rounded-full px-1.5 text-[10px] leading-4 tabular-nums ${
            active ? 'bg-accent text-white' : 'bg-sunken text-muted'
          }`}
        >
          {count}
        </span>
      )}
      {active && <span className="absolute inset-x-0 bottom-0 h-0.5 rounded-full bg-accent" />}
    </button>
  );
}

/** The Models screen (LM Studio style): Discover, My Models and Downloads. */
export function ModelsScreen({ repoId }: { repoId: string | null }) {
  const { discover } = useLibraryStores();
  const tab = useDiscover((s) => s.tab);
  const tokenSet = useDiscover((s) => s.token?.configured ?? false);
  const modelCount = useShelf((s) => s.models?.length ?? 0);
  const active = useDownloads((s) => Object.values(s.jobs).filter(isActive).length);

  useEffect(() => {
    if (repoId) discover.getState().setTab('discover');
    void discover.getState().openRepo(repoId);
  }, [discover, repoId]);

  return (
    <main className="flex min-w-0 flex-1 flex-col" aria-label="Models">
      <header className="flex h-12 shrink-0 items-center gap-5 border-b border-line px-5">
        <h1 className="text-[14px] font-semibold">Models</h1>
        <div role="tablist" aria-label="Models" className="flex items-center gap-4">
          <Tab tab="discover" label="Discover" icon="compass" />
          <Tab tab="library" label="My Models" icon="box" count={modelCount} />
          <Tab tab="downloads" label="Downloads" icon="download" count={active} />
        </div>
        <div className="ml-auto flex items-center gap-1">
          <IconButton
            aria-label={tokenSet ? 'Hugging Face token (set)' : 'Hugging Face token'}
            data-testid="token-open"
            onClick={() => discover.getState().openTokenDialog(true)}
          >
            <Icon name="key" size={15} className={tokenSet ? 'text-ok' : undefined} />
          </IconButton>
          <ThemeToggle />
        </div>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto" data-testid={`models-${tab}`}>
        {tab === 'discover' && (repoId ? <RepoPage repoId={repoId} /> : <DiscoverPage />)}
        {tab === 'library' && <MyModelsPage />}
        {tab === 'downloads' && <DownloadsPage />}
      </div>
      <LoadSettingsDialog />
      <DeleteModelDialog />
      <ImportDialog />
      <TokenDialog />
    </main>
  );
}
