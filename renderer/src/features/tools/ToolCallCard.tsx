import { useState, type ReactNode } from 'react';
import type { ToolCallRecord, ToolCallStatus } from '../../../../shared/contract/tools';
import { CopyButton } from '../../components/CopyButton';
import { builtinIcon } from './builtinIcon';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { AwaitingUserForm } from './AwaitingUserForm';
import { argumentsPreview, formatDuration, readResult, STATUS_LABEL } from './callFormat';
import { Chip, type Tone } from './controls';
import { JsonTree } from './JsonTree';
import { prettyJson } from './jsonTree';

const STATUS_TONE: Record<ToolCallStatus, Tone> = {
  pending: 'neutral',
  running: 'accent',
  done: 'ok',
  error: 'danger',
  'awaiting-user': 'warn',
};

export function StatusBadge({ status }: { status: ToolCallStatus }) {
  return (
    <Chip tone={STATUS_TONE[status]}>
      {status === 'running' && <Spinner size={9} />}
      {status === 'done' && <Icon name="check" size={10} />}
      {status === 'error' && <Icon name="alert" size={10} />}
      {status === 'awaiting-user' && <Icon name="hand" size={10} />}
      {status === 'pending' && <span className="h-1.5 w-1.5 rounded-full bg-current opacity-70" />}
      <span data-testid="tool-call-status">{STATUS_LABEL[status]}</span>
    </Chip>
  );
}

function Part({ title, copy, children }: { title: string; copy?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex h-5 items-center justify-between">
        <span className="text-[10.5px] font-semibold tracking-wider text-subtle uppercase">
          {title}
        </span>
        {copy !== undefined && <CopyButton text={copy} label={`Copy ${title.toLowerCase()}`} />}
      </div>
      <div className="max-h-80 overflow-auto rounded-md border border-line bg-canvas/70 px-2.5 py-1.5">
        {children}
      </div>
    </div>
  );
}

function Result({ call }: { call: ToolCallRecord }) {
  const shown = readResult(call.result);
  if (!shown) return null;
  return (
    <Part
      title={call.status === 'error' ? 'Sent back to the model' : 'Result'}
      copy={call.result ?? ''}
    >
      <div data-testid="tool-call-result">
        {shown.kind === 'json' ? (
          <JsonTree value={shown.value} depth={2} />
        ) : (
          <pre className="font-mono text-[12px] leading-[1.55] whitespace-pre-wrap text-fg [overflow-wrap:anywhere]">
            {shown.text}
          </pre>
        )}
      </div>
    </Part>
  );
}

/** One tool call in the chat: what was called, with what, how it went and what came back. */
export function ToolCallCard({ call }: { call: ToolCallRecord }) {
  // Collapsed to one line unless opened; a call waiting for the user is always open.
  const [open, setOpen] = useState(false);
  const expanded = open || call.status === 'awaiting-user';
  const duration = formatDuration(call.durationMs);
  const name = call.name || 'unreadable call';
  return (
    <div
      data-testid="tool-call-card"
      data-status={call.status}
      data-name={call.name}
      className={`overflow-hidden rounded-lg border bg-raised shadow-xs ${
        call.status === 'awaiting-user' ? 'border-warn/40' : 'border-line'
      }`}
    >
      <button
        type="button"
        aria-expanded={expanded}
        data-testid="tool-call-toggle"
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-2 px-3 py-2 text-left hover:bg-hover/50"
      >
        <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-md bg-accent-soft text-accent-text">
          <Icon name={builtinIcon(call.name)} size={13} />
        </span>
        <span className="flex min-w-0 flex-1 items-baseline gap-2">
          <span
            data-testid="tool-call-name"
            className="shrink-0 font-mono text-[12.5px] font-semibold text-fg"
          >
            {name}
          </span>
          {!expanded && (
            <span className="truncate font-mono text-[11.5px] text-subtle">
              ({argumentsPreview(call.arguments)})
            </span>
          )}
        </span>
        {call.depth > 1 && (
          <span className="shrink-0 text-[10.5px] text-subtle" title="Step of the tool loop">
            step {call.depth}
          </span>
        )}
        {duration && (
          <span
            className="shrink-0 text-[11px] text-subtle tabular-nums"
            data-testid="tool-call-duration"
          >
            {duration}
          </span>
        )}
        <StatusBadge status={call.status} />
        <Icon
          name="chevronDown"
          size={14}
          className={`shrink-0 text-subtle transition-transform ${expanded ? 'rotate-180' : ''}`}
        />
      </button>
      {expanded && (
        <div className="flex flex-col gap-2.5 border-t border-line bg-panel/40 px-3 py-2.5">
          {call.status === 'awaiting-user' ? (
            <AwaitingUserForm call={call} />
          ) : (
            <>
              {call.arguments ? (
                <Part title="Arguments" copy={prettyJson(call.arguments)}>
                  <div data-testid="tool-call-arguments">
                    <JsonTree value={call.arguments} depth={3} />
                  </div>
                </Part>
              ) : (
                <Part title="Raw call">
                  <pre className="font-mono text-[12px] whitespace-pre-wrap text-fg [overflow-wrap:anywhere]">
                    {call.raw}
                  </pre>
                </Part>
              )}
              {call.error && (
                <div
                  role="alert"
                  className="flex items-start gap-2 rounded-md border border-danger/30 bg-danger-soft px-2.5 py-1.5 text-[12px] text-danger"
                >
                  <Icon name="alert" size={13} className="mt-px shrink-0" />
                  <span className="[overflow-wrap:anywhere]">{call.error}</span>
                </div>
              )}
              <Result call={call} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** A call the model has written (or is writing) that Talaria has not recorded yet. */
export function WritingCallCard({ raw, closed }: { raw: string; closed: boolean }) {
  const name = /"name"\s*:\s*"([^"]*)/.exec(raw)?.[1];
  return (
    <div
      data-testid="tool-call-writing"
      className="flex items-center gap-2 rounded-lg border border-dashed border-line-strong/70 bg-raised/60 px-3 py-2"
    >
      <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-md bg-sunken text-subtle">
        {closed ? <Icon name={builtinIcon(name ?? '')} size={13} /> : <Spinner size={12} />}
      </span>
      <span className="font-mono text-[12.5px] font-semibold text-fg">{name || 'tool call'}</span>
      <span className="min-w-0 flex-1 truncate font-mono text-[11.5px] text-subtle">{raw}</span>
      <Chip title={closed ? 'Runs when the model finishes this step' : undefined}>
        {closed ? 'Queued' : 'Writing'}
      </Chip>
    </div>
  );
}
