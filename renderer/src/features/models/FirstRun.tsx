import { useEffect, type ReactNode } from 'react';
import { navigate } from '../../app/router';
import { useModels, useStores } from '../../app/stores';
import { Kbd } from '../../components/Button';
import { Icon, type IconName } from '../../components/Icon';
import { MOD_KEY } from '../../components/shortcuts';
import { useDiscover, useLibraryStores } from '../library/LibraryProvider';

/** The smallest curated Hermes: the first download that fits nearly any machine. */
const STARTER = 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF';

function Choice({
  icon,
  title,
  body,
  testId,
  primary = false,
  disabled = false,
  onClick,
}: {
  icon: IconName;
  title: string;
  body: ReactNode;
  testId: string;
  primary?: boolean;
  disabled?: boolean;
  onClick?: () => void;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      className={`flex items-start gap-3 rounded-xl border px-4 py-3 text-left transition-colors focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:outline-none disabled:cursor-default disabled:opacity-60 ${
        primary
          ? 'border-accent/45 bg-accent-soft hover:border-accent'
          : 'border-line bg-raised enabled:hover:border-line-strong enabled:hover:bg-hover'
      }`}
    >
      <span
        className={`mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-lg ${
          primary ? 'bg-accent text-white' : 'border border-line bg-sunken text-muted'
        }`}
      >
        <Icon name={icon} size={16} />
      </span>
      <span className="min-w-0">
        <span className={`block text-[13.5px] font-semibold ${primary ? 'text-accent-text' : ''}`}>
          {title}
        </span>
        <span className="mt-0.5 block text-[12px] leading-relaxed text-muted">{body}</span>
      </span>
    </button>
  );
}

/**
 * What a chat shows while no model is loaded: the ways to get one — the library when it has
 * models, a curated Hermes download sized for this machine, a GGUF import, or any file.
 */
export function FirstRun() {
  const { models } = useStores();
  const { discover, shelf } = useLibraryStores();
  const libraryCount = useModels((s) => s.picker?.length ?? 0);
  const starter = useDiscover((s) => s.catalog?.find((e) => e.repoId === STARTER) ?? null);
  useEffect(() => {
    void models.getState().refreshPicker();
  }, [models]);
  const toModels = (tab: 'discover' | 'library', repoId: string | null = null): void => {
    discover.getState().setTab(tab);
    navigate({ screen: 'models', repoId });
  };

  return (
    <div className="flex flex-1 items-center justify-center overflow-y-auto px-6 py-8">
      <div className="w-full max-w-xl" data-testid="first-run">
        <div className="mb-5 text-center">
          <div className="mx-auto mb-3 flex h-12 w-12 items-center justify-center rounded-xl border border-line bg-sunken text-muted">
            <Icon name="chip" size={22} />
          </div>
          <h2 className="text-base font-semibold">
            {libraryCount > 0 ? 'Load a model to start' : 'Get a model to start chatting'}
          </h2>
          <p className="mt-1 text-[13px] text-muted">
            Talaria runs Hermes GGUF models on this machine, offline.
          </p>
        </div>
        <div className="flex flex-col gap-2">
          {libraryCount > 0 && (
            <Choice
              primary
              icon="box"
              testId="first-run-library"
              title={`Choose from My Models (${libraryCount})`}
              body="Loads with each model's saved settings."
              onClick={() => models.getState().openDialog()}
            />
          )}
          <Choice
            primary={libraryCount === 0}
            icon="compass"
            testId="first-run-discover"
            title={starter ? `Download ${starter.title}` : 'Discover Hermes models'}
            body={
              starter
                ? `${starter.description} The download page picks the quant that fits this machine.`
                : 'The curated Hermes catalog, with the quant that fits this machine.'
            }
            onClick={() => (starter ? toModels('discover', starter.repoId) : toModels('discover'))}
          />
          <Choice
            icon="import"
            testId="first-run-import"
            title="Import a GGUF you already have"
            body="Copy or link it into your library; the file is checked first."
            onClick={() => {
              toModels('library');
              shelf.getState().openImport(true);
            }}
          />
          <Choice
            icon="folder"
            testId="first-run-file"
            title="Load a file without importing"
            body={
              <>
                Pick any .gguf on this machine{' '}
                <span className="inline-flex gap-0.5 align-middle">
                  <Kbd>{MOD_KEY}</Kbd>
                  <Kbd>L</Kbd>
                </span>
              </>
            }
            onClick={() => models.getState().openDialog()}
          />
          <Choice
            icon="globe"
            testId="first-run-remote"
            title="Connect a remote engine"
            body="A llama.cpp, vLLM or Ollama server on your network — coming in a later version."
            disabled
          />
        </div>
      </div>
    </div>
  );
}
