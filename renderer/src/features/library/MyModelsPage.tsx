import type { ReactNode } from 'react';
import { navigate } from '../../app/router';
import { useModels, useStores } from '../../app/stores';
import type { LibraryModel } from '../../../../shared/contract/library';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../components/format';
import { backendLabel } from '../models/engineLabels';
import { ErrorNote } from './ErrorNote';
import { formatContext, formatParams } from './libraryFormat';
import { useLibraryStores, useShelf } from './LibraryProvider';

const TEMPLATE_LABELS = {
  chatml: 'ChatML',
  llama3: 'Llama 3',
  other: 'Custom template',
  none: 'No template',
};

function Chip({
  label,
  children,
  tone = 'plain',
}: {
  label?: string;
  children: ReactNode;
  tone?: 'plain' | 'ok' | 'accent';
}) {
  const tones = {
    plain: 'border-line text-fg/85',
    ok: 'border-ok/35 text-ok',
    accent: 'border-accent/35 bg-accent-soft text-accent-text',
  };
  return (
    <span className={`rounded-md border px-1.5 py-px text-[11px] ${tones[tone]}`}>
      {label && (
        <>
          <span className="text-subtle">{label}</span>{' '}
        </>
      )}
      {children}
    </span>
  );
}

function LoadedBanner() {
  const { models, chat } = useStores();
  const status = useModels((s) => s.status);
  const unloading = useModels((s) => s.unloading);
  const model = status?.model;
  if (!model) return null;
  return (
    <div
      data-testid="loaded-banner"
      className="mb-4 flex flex-wrap items-center gap-3 rounded-xl border border-ok/30 bg-ok/5 px-4 py-3"
    >
      <span className="h-2 w-2 shrink-0 rounded-full bg-ok" aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <div className="truncate font-mono text-[12px] text-fg">{model.name}</div>
        <div className="text-[11px] text-muted tabular-nums">
          Loaded · {backendLabel(status)} · context {model.contextSize.toLocaleString('en-US')}
          {status.memory && ` · RAM ${formatBytes(status.memory.ramBytes)}`}
          {status.memory &&
            status.memory.vramTotalBytes > 0 &&
            ` · VRAM ${formatBytes(status.memory.vramUsedBytes)} of ${formatBytes(status.memory.vramTotalBytes)}`}
        </div>
      </div>
      <Button size="sm" disabled={unloading} onClick={() => void models.getState().unload()}>
        {unloading ? <Spinner size={11} /> : <Icon name="eject" size={12} />} Eject
      </Button>
      <Button
        size="sm"
        variant="primary"
        data-testid="open-chat"
        onClick={() =>
          navigate({ screen: 'chat', conversationId: chat.getState().conversationId ?? null })
        }
      >
        <Icon name="chat" size={12} /> Chat
      </Button>
    </div>
  );
}

function ModelCard({ model, loaded }: { model: LibraryModel; loaded: boolean }) {
  const { shelf } = useLibraryStores();
  const meta = model.metadata;
  const title = meta?.name || model.fileName.replace(/\.gguf$/i, '');
  return (
    <li
      data-testid="library-model"
      data-model-id={model.id}
      className={`rounded-xl border bg-raised px-4 py-3 ${loaded ? 'border-ok/40' : 'border-line'}`}
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <span className="truncate text-[14px] font-semibold">{title}</span>
            {loaded && (
              <span className="rounded-full bg-ok/15 px-2 py-px text-[10px] font-semibold text-ok">
                Loaded
              </span>
            )}
            {model.linked && <Chip>linked</Chip>}
          </div>
          <div className="truncate text-[11px] text-subtle" title={model.path}>
            {model.publisher ? `${model.publisher} / ${model.repo} · ` : ''}
            <span className="font-mono">{model.fileName}</span>
          </div>
        </div>
        <Button
          size="sm"
          variant={loaded ? 'secondary' : 'primary'}
          data-testid="library-load"
          disabled={model.error !== null}
          onClick={() => void shelf.getState().openSettings(model)}
        >
          <Icon name="play" size={11} /> {loaded ? 'Reload…' : 'Load…'}
        </Button>
        <IconButton
          size="sm"
          aria-label={`Delete ${model.fileName}`}
          data-testid="library-delete"
          onClick={() => shelf.getState().askDelete(model)}
        >
          <Icon name="trash" size={14} />
        </IconButton>
      </div>
      <div className="mt-2.5 flex flex-wrap gap-1.5" data-testid="model-metadata">
        {meta?.hermesVersion && <Chip tone="accent">Hermes {meta.hermesVersion}</Chip>}
        {meta?.architecture && <Chip label="arch">{meta.architecture}</Chip>}
        {meta && <Chip label="params">{meta.sizeLabel ?? formatParams(meta.parameterCount)}</Chip>}
        {model.quant && <Chip label="quant">{model.quant}</Chip>}
        {meta?.contextLength && <Chip label="context">{formatContext(meta.contextLength)}</Chip>}
        {meta && <Chip label="template">{TEMPLATE_LABELS[meta.chatTemplate]}</Chip>}
        {meta && (
          <Chip label="tool_use" tone={meta.hasToolUseTemplate ? 'ok' : 'plain'}>
            {meta.hasToolUseTemplate ? 'yes' : 'no'}
          </Chip>
        )}
        <Chip label="size">{formatBytes(model.sizeBytes)}</Chip>
        {model.parts.length > 1 && <Chip>{model.parts.length} parts</Chip>}
      </div>
      {model.error && (
        <div className="mt-2.5">
          <ErrorNote error={{ code: 'INVALID_INPUT', message: model.error }} />
        </div>
      )}
    </li>
  );
}

/** The local library: what is on disk, with its metadata, load and delete. */
export function MyModelsPage() {
  const { shelf, discover } = useLibraryStores();
  const models = useShelf((s) => s.models);
  const modelsDir = useShelf((s) => s.modelsDir);
  const error = useShelf((s) => s.error);
  const loadedPath = useModels((s) => s.status?.model?.path ?? null);
  const total = (models ?? []).reduce((n, m) => n + m.sizeBytes, 0);
  return (
    <div className="mx-auto w-full max-w-4xl px-6 py-6">
      <LoadedBanner />
      <div className="mb-3 flex items-center gap-3">
        <div className="min-w-0 flex-1 text-[12px] text-subtle">
          {models &&
            `${models.length} ${models.length === 1 ? 'model' : 'models'} · ${formatBytes(total)}`}
          {modelsDir && (
            <span className="ml-1 font-mono text-[11px]" title={modelsDir}>
              in {modelsDir}
            </span>
          )}
        </div>
        <Button
          size="sm"
          data-testid="import-open"
          onClick={() => shelf.getState().openImport(true)}
        >
          <Icon name="import" size={13} /> Import GGUF…
        </Button>
      </div>
      {error && <ErrorNote error={error} />}
      {models && models.length === 0 && (
        <div className="mt-8 flex flex-col items-center rounded-xl border border-dashed border-line-strong/70 px-6 py-10 text-center">
          <div className="flex h-12 w-12 items-center justify-center rounded-xl border border-line bg-sunken text-muted">
            <Icon name="box" size={22} />
          </div>
          <h2 className="mt-4 text-base font-semibold">Your library is empty</h2>
          <p className="mt-1 max-w-sm text-[13px] text-muted">
            Download a Hermes model from Discover, or import a GGUF file you already have.
          </p>
          <div className="mt-4 flex gap-2">
            <Button variant="primary" onClick={() => discover.getState().setTab('discover')}>
              <Icon name="compass" size={14} /> Discover models
            </Button>
            <Button onClick={() => shelf.getState().openImport(true)}>
              <Icon name="import" size={14} /> Import GGUF…
            </Button>
          </div>
        </div>
      )}
      {models && models.length > 0 && (
        <ul className="flex flex-col gap-2.5">
          {models.map((m) => (
            <ModelCard key={m.id} model={m} loaded={m.path === loadedPath} />
          ))}
        </ul>
      )}
    </div>
  );
}
