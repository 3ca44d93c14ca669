import { useModels, useStores } from '../../app/stores';
import { focusRing } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { fileName } from '../../components/format';
import { MOD_KEY } from '../../components/shortcuts';

/** The top bar's model picker: shows what is loaded and opens the load dialog. */
export function ModelButton() {
  const { models } = useStores();
  const model = useModels((s) => s.status?.model ?? null);
  const loadingPath = useModels((s) => s.loadingPath);
  const engineLoading = useModels((s) => s.status?.state === 'loading');
  const loading = loadingPath !== null || engineLoading;
  const label = loading
    ? `Loading ${loadingPath ? fileName(loadingPath) : 'model'}…`
    : (model?.name ?? 'Load a model…');

  return (
    <button
      type="button"
      data-testid="model-button"
      aria-label={model ? `Model: ${model.name}. Change model` : 'Load a model'}
      title={`${model ? model.path : 'Load a model'} (${MOD_KEY}+L)`}
      onClick={() => models.getState().openDialog()}
      className={`flex h-8 w-[clamp(170px,21vw,340px)] shrink-0 items-center gap-2 rounded-lg border px-3 text-[13px] transition-colors ${focusRing} ${
        model || loading
          ? 'border-line-strong/70 bg-raised text-fg hover:bg-hover'
          : 'border-accent/50 bg-accent-soft text-accent-text hover:border-accent'
      }`}
    >
      {loading ? (
        <Spinner size={14} className="shrink-0 text-accent-text" />
      ) : (
        <Icon name="chip" size={15} className={model ? 'shrink-0 text-accent-text' : 'shrink-0'} />
      )}
      <span
        className={`min-w-0 flex-1 truncate text-left ${model ? 'font-mono text-[12px]' : 'font-medium'}`}
      >
        {label}
      </span>
      <Icon name="chevronDown" size={14} className="shrink-0 opacity-60" />
    </button>
  );
}
