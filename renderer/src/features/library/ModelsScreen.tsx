import { useEffect } from 'react';
import { navigate } from '../../app/router';
import { IconButton } from '../../components/Button';
import { ScreenHeader, ScreenTab } from '../../components/ScreenHeader';
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

/** A tab that opens its page of the library (leaving a repository's page). */
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
  return (
    <ScreenTab
      label={label}
      icon={icon}
      count={count}
      testId={`tab-${tab}`}
      active={current === tab}
      onClick={() => {
        discover.getState().setTab(tab);
        navigate({ screen: 'models', repoId: null });
      }}
    />
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
      <ScreenHeader
        title="Models"
        tabs={
          <>
            <Tab tab="discover" label="Discover" icon="compass" />
            <Tab tab="library" label="My Models" icon="box" count={modelCount} />
            <Tab tab="downloads" label="Downloads" icon="download" count={active} />
          </>
        }
        tools={
          <>
            <IconButton
              aria-label={tokenSet ? 'Hugging Face token (set)' : 'Hugging Face token'}
              data-testid="token-open"
              onClick={() => discover.getState().openTokenDialog(true)}
            >
              <Icon name="key" size={15} className={tokenSet ? 'text-ok' : undefined} />
            </IconButton>
            <ThemeToggle />
          </>
        }
      />
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
