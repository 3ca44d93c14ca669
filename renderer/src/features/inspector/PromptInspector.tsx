import { useEffect, useMemo, useState } from 'react';
import type { PromptAssemblyRecord } from '../../../../shared/contract/personas';
import type { PromptInspection } from '../../../../shared/contract/tools';
import { useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { toShownError } from '../../components/errors';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { segmentPrompt, type PromptRegion, type PromptSegment } from './promptSegments';
import { SectionsView } from './SectionsView';

type View = 'sections' | 'prompt';

function ViewSwitch({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const options: [View, string][] = [
    ['sections', 'Sections'],
    ['prompt', 'Exact prompt'],
  ];
  return (
    <div
      role="tablist"
      aria-label="Prompt view"
      className="flex self-start rounded-lg border border-line bg-sunken p-0.5"
    >
      {options.map(([value, label]) => (
        <button
          key={value}
          type="button"
          role="tab"
          aria-selected={view === value}
          data-testid={`prompt-view-${value}`}
          onClick={() => onChange(value)}
          className={`h-7 rounded-md px-3 text-[12px] font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-accent/70 ${
            view === value ? 'bg-raised text-fg shadow-sm' : 'text-muted hover:text-fg'
          }`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

const REGION_STYLE: Record<PromptRegion, string> = {
  tools: 'bg-sky-500/10 text-fg',
  schema: 'bg-emerald-500/10 text-fg',
  call: 'bg-violet-500/12 text-fg',
  response: 'bg-amber-500/12 text-fg',
};

const TOKEN = 'rounded-[3px] bg-accent-soft px-0.5 font-semibold text-accent-text';
const TAG = 'font-semibold text-violet-700 dark:text-violet-300';
const ROLE = 'font-semibold text-amber-700 dark:text-amber-300';

function Run({ segment }: { segment: PromptSegment }) {
  switch (segment.kind) {
    case 'token':
      return (
        <span data-kind="token" className={TOKEN}>
          {segment.text}
        </span>
      );
    case 'tag':
      return <span className={TAG}>{segment.text}</span>;
    case 'role':
      return <span className={ROLE}>{segment.text}</span>;
    case 'text':
      return segment.region ? (
        <span data-region={segment.region} className={REGION_STYLE[segment.region]}>
          {segment.text}
        </span>
      ) : (
        <>{segment.text}</>
      );
  }
}

function Legend() {
  const items: [string, string][] = [
    ['<|special|>', TOKEN],
    ['role', ROLE],
    ['<tools>', `${REGION_STYLE.tools} rounded-[3px] px-1`],
    ['<schema>', `${REGION_STYLE.schema} rounded-[3px] px-1`],
    ['call', `${REGION_STYLE.call} rounded-[3px] px-1`],
    ['tool response', `${REGION_STYLE.response} rounded-[3px] px-1`],
  ];
  return (
    <div
      aria-label="Highlighting"
      className="flex flex-wrap items-center gap-1.5 font-mono text-[10.5px] text-subtle"
    >
      {items.map(([label, style]) => (
        <span key={label} className={style}>
          {label}
        </span>
      ))}
    </div>
  );
}

function CopyPrompt({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button
      size="sm"
      data-testid="prompt-copy"
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => undefined,
        )
      }
    >
      <Icon name={copied ? 'check' : 'copy'} size={13} />
      {copied ? 'Copied' : 'Copy prompt'}
    </Button>
  );
}

/** The exact prompt a reply was generated from, special tokens and tool blocks highlighted. */
export function PromptInspector({
  messageId,
  onClose,
}: {
  messageId: string;
  onClose: () => void;
}) {
  const { client } = useStores();
  const [data, setData] = useState<PromptInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [assembly, setAssembly] = useState<PromptAssemblyRecord | null>(null);
  const [view, setView] = useState<View>('sections');

  useEffect(() => {
    let live = true;
    client.request('chat.promptFor', { messageId }).then(
      (result) => live && setData(result),
      (e: unknown) => live && setError(toShownError(e).message),
    );
    // Only roleplay replies have an assembly; for the others the exact prompt is the whole story.
    client.request('roleplay.assemblyFor', { messageId }).then(
      (result) => live && setAssembly(result.assembly),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, messageId]);

  const segments = useMemo(
    () => (data ? segmentPrompt(data.prompt, data.specialTokens) : []),
    [data],
  );
  const specials = segments.filter((s) => s.kind === 'token').length;

  return (
    <Dialog
      open
      onClose={onClose}
      title="Prompt inspector"
      description="The exact text the model saw before it wrote this reply."
      width="max-w-4xl"
      footer={
        <>
          <span className="mr-auto text-[11px] text-subtle">
            Rendered with the Hermes template, as evaluated by the engine.
          </span>
          {data && <CopyPrompt text={data.prompt} />}
          <Button size="sm" variant="primary" onClick={onClose}>
            Done
          </Button>
        </>
      }
    >
      <div data-testid="prompt-inspector" className="flex flex-col gap-3">
        {error && (
          <p
            role="alert"
            className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-[13px] text-danger"
          >
            {error}
          </p>
        )}
        {!data && !error && (
          <div className="flex justify-center py-10 text-subtle">
            <Spinner size={16} />
          </div>
        )}
        {data && assembly && <ViewSwitch view={view} onChange={setView} />}
        {data && assembly && view === 'sections' && <SectionsView assembly={assembly} />}
        {data && (!assembly || view === 'prompt') && (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <span
                data-testid="prompt-token-count"
                className="rounded-md border border-line bg-sunken px-2 py-0.5 text-[12px] font-medium tabular-nums"
                title={
                  data.tokenCount === null
                    ? 'Load a model to count tokens'
                    : 'In the loaded model\u2019s tokenizer'
                }
              >
                {data.tokenCount === null
                  ? '— tokens (no model loaded)'
                  : `${data.tokenCount.toLocaleString()} tokens`}
              </span>
              <span className="text-[12px] text-subtle tabular-nums">
                {data.prompt.length.toLocaleString()} characters · {specials} special tokens
              </span>
              <span className="flex-1" />
              <Legend />
            </div>
            {data.renderNote && (
              <p
                data-testid="prompt-render-note"
                className="rounded-md border border-line bg-sunken px-2.5 py-1.5 text-[12px] text-muted"
              >
                {data.renderNote.charAt(0).toUpperCase() + data.renderNote.slice(1)}.
              </p>
            )}
            <pre
              data-testid="prompt-text"
              className="max-h-[60vh] overflow-auto rounded-lg border border-line bg-sunken/60 px-3 py-2.5 font-mono text-[12px] leading-[1.6] whitespace-pre-wrap text-muted [overflow-wrap:anywhere]"
            >
              {segments.map((segment, i) => (
                <Run key={i} segment={segment} />
              ))}
            </pre>
          </>
        )}
      </div>
    </Dialog>
  );
}
