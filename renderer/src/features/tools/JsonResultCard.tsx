import { useState } from 'react';
import type { Message } from '../../../../shared/contract/types';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { Chip } from './controls';
import { JsonTree } from './JsonTree';
import { prettyJson } from './jsonTree';
import { UnenforcedList } from './UnenforcedList';

/** A JSON-mode reply: the parsed output as a tree, and whether it matched the schema. */
export function JsonResultCard({ message }: { message: Message }) {
  const [open, setOpen] = useState(true);
  const json = message.json;
  if (!json) return null;
  const parsed = json.value !== null || message.content.trim() === 'null';
  const copyText = parsed ? prettyJson(json.value) : message.content;
  return (
    <div
      data-testid="json-result"
      data-valid={json.valid}
      className={`overflow-hidden rounded-lg border bg-raised shadow-xs ${json.valid ? 'border-line' : 'border-danger/40'}`}
    >
      <div className="flex items-center gap-2 px-3 py-1.5">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          className="flex min-w-0 flex-1 items-center gap-2 text-left"
        >
          <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-md bg-accent-soft text-accent-text">
            <Icon name="braces" size={13} />
          </span>
          <span className="text-[12.5px] font-semibold text-fg">JSON output</span>
          {json.valid ? (
            <Chip tone="ok">
              <Icon name="check" size={10} />
              <span data-testid="json-validity">Valid</span>
            </Chip>
          ) : (
            <Chip tone="danger">
              <Icon name="alert" size={10} />
              <span data-testid="json-validity">
                {parsed ? 'Does not match the schema' : 'Not JSON'}
              </span>
            </Chip>
          )}
          <span className="truncate text-[11px] text-subtle">
            {json.attempts === 1 ? '1 attempt' : `${json.attempts} attempts`}
          </span>
        </button>
        <CopyButton text={copyText} label="Copy JSON" />
        <Icon
          name="chevronDown"
          size={14}
          className={`shrink-0 text-subtle transition-transform ${open ? 'rotate-180' : ''}`}
        />
      </div>
      {open && (
        <div className="flex flex-col gap-2 border-t border-line bg-panel/40 px-3 py-2.5">
          <div className="max-h-[28rem] overflow-auto rounded-md border border-line bg-canvas/70 px-2.5 py-1.5">
            {parsed ? (
              <JsonTree value={json.value} depth={3} testId="json-tree" />
            ) : (
              <pre className="font-mono text-[12px] whitespace-pre-wrap text-fg [overflow-wrap:anywhere]">
                {message.content}
              </pre>
            )}
          </div>
          {json.errors.length > 0 && (
            <ul role="alert" className="flex flex-col gap-0.5 text-[12px] text-danger">
              {json.errors.map((e, i) => (
                <li key={i} className="flex gap-1.5">
                  <Icon name="alert" size={12} className="mt-0.5 shrink-0" />
                  <span className="[overflow-wrap:anywhere]">{e}</span>
                </li>
              ))}
            </ul>
          )}
          {json.unenforced.length > 0 && <UnenforcedList issues={json.unenforced} compact />}
        </div>
      )}
    </div>
  );
}
