import { useState } from 'react';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import type { ImportOutcome } from './importFiles';

function OutcomeRow({ outcome, onOpen }: { outcome: ImportOutcome; onOpen: (id: string) => void }) {
  const [showNotes, setShowNotes] = useState(false);
  return (
    <li
      data-testid="import-result"
      data-ok={outcome.ok}
      className="flex flex-col gap-1 px-3.5 py-2.5"
    >
      <div className="flex items-start gap-2.5">
        <span
          className={`mt-px flex h-[18px] w-[18px] shrink-0 items-center justify-center rounded-full ${
            outcome.ok ? 'bg-ok/15 text-ok' : 'bg-danger-soft text-danger'
          }`}
        >
          <Icon name={outcome.ok ? 'check' : 'x'} size={11} />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-baseline gap-2">
            <span className="truncate text-[13px] font-medium text-fg">
              {outcome.ok ? outcome.name : outcome.fileName}
            </span>
            {outcome.ok && (
              <span className="truncate font-mono text-[11px] text-subtle">{outcome.fileName}</span>
            )}
          </div>
          {outcome.error && (
            <p className="mt-0.5 text-[12.5px] leading-snug text-danger [overflow-wrap:anywhere]">
              {outcome.error}
            </p>
          )}
          {outcome.warnings.length > 0 && (
            <button
              type="button"
              onClick={() => setShowNotes((v) => !v)}
              className="mt-0.5 text-[12px] text-warn hover:underline"
            >
              {outcome.warnings.length} note{outcome.warnings.length === 1 ? '' : 's'} on the import{' '}
              {showNotes ? '▴' : '▾'}
            </button>
          )}
        </div>
        {outcome.ok && outcome.id && (
          <Button size="sm" variant="ghost" onClick={() => onOpen(outcome.id as string)}>
            Open <Icon name="chevronRight" size={12} />
          </Button>
        )}
      </div>
      {showNotes && (
        <ul className="ml-7 list-disc pl-4 text-[12px] leading-relaxed text-muted">
          {outcome.warnings.map((w, i) => (
            <li key={i} className="[overflow-wrap:anywhere]">
              {w}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** What became of each file of the latest import: a bad file is listed with its reason. */
export function ImportResults({
  outcomes,
  importing,
  onOpen,
  onDismiss,
}: {
  outcomes: ImportOutcome[];
  importing: { done: number; total: number } | null;
  onOpen: (id: string) => void;
  onDismiss: () => void;
}) {
  if (importing) {
    return (
      <div
        data-testid="import-progress"
        className="flex items-center gap-2.5 rounded-lg border border-line bg-raised px-3.5 py-2.5 text-[13px] text-muted"
      >
        <Spinner size={13} /> Importing {Math.min(importing.done + 1, importing.total)} of{' '}
        {importing.total}…
      </div>
    );
  }
  if (outcomes.length === 0) return null;
  const ok = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - ok;
  return (
    <section
      data-testid="import-results"
      aria-label="Import results"
      className="overflow-hidden rounded-lg border border-line bg-raised"
    >
      <header className="flex items-center gap-2 border-b border-line bg-panel/60 py-1.5 pr-1.5 pl-3.5">
        <Icon name="import" size={13} className="text-subtle" />
        <span className="text-[12.5px] font-medium">
          {ok > 0 && `${ok} imported`}
          {ok > 0 && failed > 0 && ' · '}
          {failed > 0 && <span className="text-danger">{failed} could not be imported</span>}
        </span>
        <IconButton
          size="sm"
          aria-label="Dismiss import results"
          className="ml-auto"
          onClick={onDismiss}
        >
          <Icon name="x" size={13} />
        </IconButton>
      </header>
      <ul className="max-h-72 divide-y divide-line overflow-y-auto">
        {outcomes.map((outcome, i) => (
          <OutcomeRow key={i} outcome={outcome} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}
