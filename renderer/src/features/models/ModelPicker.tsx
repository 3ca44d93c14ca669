import { useMemo, useState, type KeyboardEvent } from 'react';
import type { PickerModel } from '../../../../shared/contract/library';
import { navigate } from '../../app/router';
import { useModels, useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../components/format';
import { useNow } from '../../components/useNow';
import { focusComposer } from '../chat/focusComposer';
import { FIT_CLASSES, FIT_LABELS } from '../library/libraryFormat';
import { useLibraryStores } from '../library/LibraryProvider';
import { contextLabel, filterPicker, lastUsedLabel, pickerTitle } from './pickerFilter';

function FitPill({ entry }: { entry: PickerModel }) {
  if (!entry.fit) {
    return (
      <span className="text-[11px] text-subtle" title={entry.fitError ?? undefined}>
        {entry.model.error ? 'Cannot load' : 'No estimate'}
      </span>
    );
  }
  return (
    <span
      data-testid="picker-fit"
      title={entry.fit.summary}
      className={`rounded-full border px-2 py-px text-[10.5px] font-medium whitespace-nowrap ${FIT_CLASSES[entry.fit.badge]}`}
    >
      {FIT_LABELS[entry.fit.badge]}
    </span>
  );
}

function PickerRow({
  entry,
  active,
  loaded,
  loading,
  disabled,
  now,
  onLoad,
}: {
  entry: PickerModel;
  active: boolean;
  loaded: boolean;
  loading: boolean;
  disabled: boolean;
  now: number;
  onLoad: () => void;
}) {
  const m = entry.model;
  const where = m.publisher ? `${m.publisher} · ${m.fileName}` : m.fileName;
  return (
    <li>
      <button
        type="button"
        data-testid="picker-model"
        data-model-id={m.id}
        aria-current={loaded ? 'true' : undefined}
        disabled={disabled || m.error !== null}
        onClick={onLoad}
        title={m.error ?? `Load ${m.fileName} with its saved settings`}
        className={`grid w-full grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-0.5 px-3 py-2 text-left outline-none disabled:opacity-55 ${
          active ? 'bg-hover' : 'hover:bg-hover'
        } focus-visible:bg-hover`}
      >
        <span className="flex min-w-0 items-center gap-2">
          <span className="truncate text-[13px] font-medium text-fg">{pickerTitle(entry)}</span>
          {m.quant && (
            <span className="shrink-0 rounded border border-line px-1 font-mono text-[10.5px] text-muted">
              {m.quant}
            </span>
          )}
          {loaded && (
            <span className="shrink-0 rounded-full bg-ok/15 px-2 py-px text-[10px] font-semibold text-ok">
              Loaded
            </span>
          )}
        </span>
        <span className="flex items-center justify-end gap-2">
          {loading ? <Spinner size={13} className="text-accent-text" /> : <FitPill entry={entry} />}
        </span>
        <span className="truncate text-[11px] text-subtle tabular-nums" title={m.path}>
          {where} · {formatBytes(m.sizeBytes)} · {contextLabel(entry)}
        </span>
        <span
          className="text-right text-[11px] whitespace-nowrap text-subtle"
          data-testid="picker-last-used"
        >
          {lastUsedLabel(entry.lastUsedAt, now)}
        </span>
      </button>
    </li>
  );
}

/** The library as a searchable list: a click loads a model with its saved settings. */
export function ModelPicker() {
  const { models } = useStores();
  const { discover, shelf } = useLibraryStores();
  const picker = useModels((s) => s.picker);
  const pickerError = useModels((s) => s.pickerError);
  const query = useModels((s) => s.query);
  const loadingPath = useModels((s) => s.loadingPath);
  const loadedPath = useModels((s) => s.status?.model?.path ?? null);
  const now = useNow(60_000);
  const [active, setActive] = useState(0);
  const shown = useMemo(() => filterPicker(picker ?? [], query), [picker, query]);
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));

  const load = async (entry: PickerModel | undefined): Promise<void> => {
    if (entry && (await models.getState().loadFromLibrary(entry))) focusComposer();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.max(0, Math.min(shown.length - 1, activeIndex + step)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void load(shown[activeIndex]);
    }
  };
  const goTo = (tab: 'discover' | 'library'): void => {
    models.getState().closeDialog();
    discover.getState().setTab(tab);
    navigate({ screen: 'models', repoId: null });
    if (tab === 'library') shelf.getState().openImport(true);
  };

  if (picker && picker.length === 0) {
    return (
      <div
        data-testid="picker-empty"
        className="flex flex-col items-center rounded-lg border border-dashed border-line-strong/70 px-6 py-7 text-center"
      >
        <Icon name="box" size={20} className="text-muted" />
        <p className="mt-2 text-[13px] font-medium">Your library is empty</p>
        <p className="mt-0.5 max-w-sm text-[12px] text-muted">
          Download a Hermes model sized for this machine, or import a GGUF you already have. You can
          also load any file below without importing it.
        </p>
        <div className="mt-3 flex gap-2">
          <Button size="sm" variant="primary" onClick={() => goTo('discover')}>
            <Icon name="compass" size={13} /> Discover models
          </Button>
          <Button size="sm" onClick={() => goTo('library')}>
            <Icon name="import" size={13} /> Import GGUF…
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="overflow-hidden rounded-lg border border-line">
      <div className="flex h-9 items-center gap-2 border-b border-line bg-sunken/60 px-3">
        <Icon name="search" size={14} className="shrink-0 text-subtle" />
        <input
          data-testid="picker-search"
          aria-label="Search your models"
          autoFocus
          spellCheck={false}
          value={query}
          placeholder={`Search ${picker?.length ?? ''} models in My Models…`}
          onChange={(e) => {
            models.getState().setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
          className="h-full min-w-0 flex-1 bg-transparent text-[13px] text-fg outline-none placeholder:text-subtle"
        />
        {!picker && !pickerError && <Spinner size={12} className="text-subtle" />}
      </div>
      {pickerError && <p className="px-3 py-2 text-xs text-danger">{pickerError.message}</p>}
      <ul className="max-h-64 overflow-y-auto py-1" aria-label="My Models">
        {shown.map((entry, i) => (
          <PickerRow
            key={entry.model.id}
            entry={entry}
            active={i === activeIndex && query.length > 0}
            loaded={entry.model.path === loadedPath}
            loading={entry.model.path === loadingPath}
            disabled={loadingPath !== null}
            now={now}
            onLoad={() => void load(entry)}
          />
        ))}
        {picker && shown.length === 0 && (
          <li className="px-3 py-5 text-center text-[12px] text-subtle">
            No model in your library matches “{query}”.
          </li>
        )}
      </ul>
    </div>
  );
}
