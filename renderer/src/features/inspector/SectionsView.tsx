import { useMemo, useState } from 'react';
import type { PromptAssemblyRecord } from '../../../../shared/contract/personas';
import type { PromptSectionKind } from '../../../../shared/personas';
import { Icon } from '../../components/Icon';
import { sectionItems, totals, type SectionItem, type SectionRow } from './assemblySections';

const KIND_TONE: Record<PromptSectionKind, string> = {
  systemPrompt: 'bg-accent-soft text-accent-text',
  lorebook: 'bg-emerald-500/12 text-emerald-700 dark:text-emerald-300',
  description: 'bg-sky-500/12 text-sky-700 dark:text-sky-300',
  personality: 'bg-sky-500/12 text-sky-700 dark:text-sky-300',
  scenario: 'bg-sky-500/12 text-sky-700 dark:text-sky-300',
  persona: 'bg-violet-500/12 text-violet-700 dark:text-violet-300',
  exampleDialogue: 'bg-amber-500/14 text-amber-700 dark:text-amber-300',
  history: 'bg-sunken text-muted',
  postHistoryInstructions: 'bg-rose-500/12 text-rose-700 dark:text-rose-300',
  generationPrompt: 'bg-sunken text-muted',
};

function Tokens({ count, cut }: { count: number; cut?: boolean }) {
  return (
    <span
      className={`shrink-0 text-right text-[11.5px] tabular-nums ${cut ? 'text-subtle line-through' : 'text-muted'}`}
    >
      {count.toLocaleString('en-US')} tok
    </span>
  );
}

function KindChip({ kind, label }: { kind: PromptSectionKind; label: string }) {
  return (
    <span
      className={`shrink-0 rounded px-1.5 text-[10.5px] leading-[18px] font-semibold tracking-wide uppercase ${KIND_TONE[kind]}`}
    >
      {label}
    </span>
  );
}

function Expander({ open }: { open: boolean }) {
  return (
    <Icon
      name="chevronRight"
      size={13}
      className={`shrink-0 text-subtle transition-transform ${open ? 'rotate-90' : ''}`}
    />
  );
}

function SectionLine({ row, nested = false }: { row: SectionRow; nested?: boolean }) {
  const [open, setOpen] = useState(false);
  // What was cut stays readable but steps back.
  const dim = row.included ? '' : 'opacity-55';
  return (
    <li
      role="listitem"
      aria-label={`${row.kindLabel}: ${row.label}${row.included ? '' : ' (cut)'}`}
      data-testid="prompt-section"
      data-kind={row.kind}
      data-included={row.included}
      className={nested ? '' : 'border-b border-line last:border-b-0'}
    >
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex w-full items-start gap-2.5 px-3 py-2 text-left outline-none hover:bg-hover/60 focus-visible:bg-hover"
      >
        <span className={`mt-[3px] ${dim}`}>
          <Expander open={open} />
        </span>
        <span className={`flex min-w-0 flex-1 flex-col gap-0.5 ${dim}`}>
          <span className="flex min-w-0 items-center gap-2">
            {!nested && <KindChip kind={row.kind} label={row.kindLabel} />}
            <span className="truncate text-[13px] font-medium text-fg">{row.label}</span>
            {!row.included && (
              <span className="shrink-0 rounded border border-line-strong px-1 text-[10px] leading-4 font-semibold text-muted uppercase">
                Cut
              </span>
            )}
          </span>
          {row.detail && <span className="text-[12px] text-muted">{row.detail}</span>}
          {row.reason && <span className="text-[12px] text-subtle italic">{row.reason}</span>}
        </span>
        <span className={`mt-px ${dim}`}>
          <Tokens count={row.tokens} cut={!row.included} />
        </span>
      </button>
      {open && (
        <pre className="mx-3 mb-2.5 ml-[34px] max-h-64 overflow-auto rounded-md border border-line bg-sunken/60 px-2.5 py-2 font-mono text-[11.5px] leading-[1.55] whitespace-pre-wrap text-muted [overflow-wrap:anywhere]">
          {row.text}
        </pre>
      )}
    </li>
  );
}

function HistoryLine({ item }: { item: Extract<SectionItem, { type: 'history' }> }) {
  const [open, setOpen] = useState(false);
  const count = item.rows.length;
  const summary = `${count} ${count === 1 ? 'message' : 'messages'}${item.cut ? ` · ${item.cut} cut to fit` : ''}`;
  return (
    <li
      role="listitem"
      aria-label={`History: ${summary}`}
      data-testid="prompt-section"
      data-kind="history"
      className="border-b border-line last:border-b-0"
    >
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-2.5 px-3 py-2 text-left outline-none hover:bg-hover/60 focus-visible:bg-hover"
      >
        <Expander open={open} />
        <KindChip kind="history" label="History" />
        <span className="min-w-0 flex-1 truncate text-[13px] text-muted">{summary}</span>
        <Tokens count={item.tokens} />
      </button>
      {open && (
        <ol role="list" aria-label="History messages" className="mb-1 ml-6 border-l border-line">
          {item.rows.map((row) => (
            <SectionLine key={row.key} row={row} nested />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The roleplay prompt piece by piece, in prompt order: what went in, why, and what was cut. */
export function SectionsView({ assembly }: { assembly: PromptAssemblyRecord }) {
  const items = useMemo(() => sectionItems(assembly), [assembly]);
  const sum = totals(assembly.tokens);
  const dropped = assembly.droppedMessageIds.length;
  return (
    <div data-testid="prompt-sections" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1.5">
        <div className="flex items-center gap-3 text-[12px]">
          <span data-testid="prompt-sections-total" className="font-medium tabular-nums">
            {sum.text}
          </span>
          <span className="text-subtle tabular-nums">{sum.percent}% of the budget</span>
          {dropped > 0 && (
            <span className="text-warn">
              {dropped} older {dropped === 1 ? 'message' : 'messages'} left out
            </span>
          )}
        </div>
        <div
          role="meter"
          aria-label="Prompt tokens"
          aria-valuemin={0}
          aria-valuemax={assembly.tokens.budget}
          aria-valuenow={assembly.tokens.total}
          className="h-1.5 overflow-hidden rounded-full bg-sunken"
        >
          <div
            className={`h-full rounded-full ${sum.fits ? 'bg-accent' : 'bg-danger'}`}
            style={{ width: `${Math.min(100, sum.percent)}%` }}
          />
        </div>
      </div>
      {assembly.warnings.length > 0 && (
        <ul className="flex flex-col gap-1 rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-[12px] text-warn">
          {assembly.warnings.map((w) => (
            <li key={w} className="flex items-start gap-2">
              <Icon name="alert" size={13} className="mt-px shrink-0" />
              {w}
            </li>
          ))}
        </ul>
      )}
      <ol
        role="list"
        aria-label="Prompt sections"
        className="max-h-[58vh] overflow-auto rounded-lg border border-line"
      >
        {items.map((item) =>
          item.type === 'history' ? (
            <HistoryLine key={item.key} item={item} />
          ) : (
            <SectionLine key={item.row.key} row={item.row} />
          ),
        )}
      </ol>
    </div>
  );
}
