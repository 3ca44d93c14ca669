import type { FitEstimate } from '../../../../shared/contract/library';
import { focusRing } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { formatBytes } from '../../components/format';
import { Icon } from '../../components/Icon';
import { FIT_CLASSES, FIT_LABELS, fitSentence, formatParams } from './libraryFormat';

/** The verdict as a pill; clicking it opens the numbers behind it. */
export function FitBadge({
  fit,
  error,
  pending,
  open,
  hasGpu,
  onToggle,
}: {
  fit: FitEstimate | null;
  error: string | null;
  pending: boolean;
  open: boolean;
  hasGpu: boolean;
  onToggle: () => void;
}) {
  if (!fit) {
    if (pending) {
      return (
        <span className="inline-flex items-center gap-1.5 text-[11px] text-subtle">
          <Spinner size={11} /> Estimating…
        </span>
      );
    }
    return (
      <span className="text-[11px] text-subtle" title={error ?? undefined}>
        {error ? 'No estimate' : '—'}
      </span>
    );
  }
  return (
    <button
      type="button"
      data-testid="fit-badge"
      data-badge={fit.badge}
      aria-expanded={open}
      title={`${fitSentence(fit, hasGpu)} Click for the numbers.`}
      onClick={onToggle}
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-[11px] font-medium whitespace-nowrap ${FIT_CLASSES[fit.badge]} ${focusRing}`}
    >
      {FIT_LABELS[fit.badge]}
      {fit.tight && fit.badge !== 'too-big' && (
        <span title="Needs more RAM than is free now">*</span>
      )}
      <Icon name={open ? 'chevronDown' : 'chevronRight'} size={11} className="opacity-70" />
    </button>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-[10px] font-medium tracking-wide text-subtle uppercase">{label}</dt>
      <dd className="mt-0.5 text-[13px] font-medium text-fg tabular-nums">{value}</dd>
      {note && <dd className="text-[11px] text-subtle tabular-nums">{note}</dd>}
    </div>
  );
}

/** The numbers behind a badge: memory needed against what the machine allows, and layers. */
export function FitDetails({ fit, hasGpu }: { fit: FitEstimate; hasGpu: boolean }) {
  return (
    <div data-testid="fit-details" className="rounded-lg border border-line bg-sunken/50 px-4 py-3">
      <p className="text-[12px] text-muted">{fitSentence(fit, hasGpu)}</p>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
        <Figure
          label="RAM needed"
          value={formatBytes(fit.ramBytes)}
          note={`weights ${formatBytes(fit.modelRamBytes)} + context ${formatBytes(fit.contextRamBytes)}`}
        />
        <Figure
          label="RAM usable"
          value={formatBytes(fit.ramBudgetBytes)}
          note="after safety margin"
        />
        <Figure
          label="VRAM needed"
          value={hasGpu ? formatBytes(fit.vramBytes) : '—'}
          note={hasGpu ? `of ${formatBytes(fit.vramBudgetBytes)} usable` : 'no GPU detected'}
        />
        <Figure
          label="GPU layers"
          value={`${fit.gpuLayers} of ${fit.totalLayers}`}
          note={fit.gpuLayers === 0 ? 'all layers on the CPU' : undefined}
        />
        <Figure
          label="Context"
          value={`${fit.contextSize.toLocaleString('en-US')} tokens`}
          note={
            fit.trainContextSize
              ? `trained ${fit.trainContextSize.toLocaleString('en-US')}`
              : undefined
          }
        />
        <Figure
          label="Parameters"
          value={formatParams(fit.parameterCount)}
          note={`${fit.bitsPerWeight.toFixed(2)} bits per weight`}
        />
        <Figure label="Weights" value={formatBytes(fit.modelSizeBytes)} />
        {fit.tight && (
          <Figure label="Note" value="Tight" note="needs more RAM than is free right now" />
        )}
      </dl>
    </div>
  );
}
