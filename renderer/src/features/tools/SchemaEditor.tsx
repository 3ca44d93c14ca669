import { useRef } from 'react';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { UnenforcedList } from './UnenforcedList';
import type { SchemaCheck } from './useSchemaCheck';

interface SchemaEditorProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  check: SchemaCheck;
  testId?: string;
  minRows?: number;
  maxRows?: number;
}

function Status({ check }: { check: SchemaCheck }) {
  const base = 'flex items-start gap-1.5 text-[11.5px] leading-snug';
  switch (check.state) {
    case 'syntax':
      return (
        <p role="alert" className={`${base} text-danger`}>
          <Icon name="alert" size={12} className="mt-px shrink-0" />
          <span>
            {check.line !== null && (
              <span className="font-mono">
                {check.line}:{check.column}{' '}
              </span>
            )}
            {check.message}
          </span>
        </p>
      );
    case 'invalid':
      return (
        <p role="alert" className={`${base} text-danger`}>
          <Icon name="alert" size={12} className="mt-px shrink-0" />
          <span className="[overflow-wrap:anywhere]">{check.message}</span>
        </p>
      );
    case 'checking':
      return (
        <p className={`${base} text-subtle`}>
          <Spinner size={11} className="mt-px" />
          Checking schema…
        </p>
      );
    case 'valid':
      return (
        <p className={`${base} text-ok`}>
          <Icon name="check" size={12} className="mt-px shrink-0" />
          Valid JSON Schema
          {check.unenforced.length === 0 && (
            <span className="text-subtle"> · fully enforced while generating</span>
          )}
        </p>
      );
  }
}

/**
 * A JSON Schema in a code area with line numbers, checked as it is typed (syntax at once, the
 * schema itself a moment later) and the keywords the grammar will not enforce listed below.
 */
export function SchemaEditor({
  id,
  value,
  onChange,
  check,
  testId,
  minRows = 8,
  maxRows = 20,
}: SchemaEditorProps) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split('\n').length;
  const rows = Math.max(minRows, Math.min(maxRows, lines));
  const errorLine = check.state === 'syntax' ? check.line : null;
  return (
    <div className="flex flex-col gap-1.5">
      <div
        className={`flex overflow-hidden rounded-md border bg-sunken/60 focus-within:border-accent/60 focus-within:ring-3 focus-within:ring-accent/15 ${
          check.state === 'syntax' || check.state === 'invalid'
            ? 'border-danger/60'
            : 'border-line-strong/70'
        }`}
      >
        <div
          aria-hidden="true"
          className="relative w-10 shrink-0 overflow-hidden border-r border-line bg-panel/50 font-mono text-[12px] leading-[1.55] text-subtle/70 select-none"
        >
          <div ref={gutter} className="absolute inset-x-0 top-0 py-2 pr-2 text-right">
            {Array.from({ length: lines }, (_, i) => (
              <div
                key={i}
                className={i + 1 === errorLine ? 'font-semibold text-danger' : undefined}
              >
                {i + 1}
              </div>
            ))}
          </div>
        </div>
        <textarea
          id={id}
          data-testid={testId}
          value={value}
          rows={rows}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={check.state === 'syntax' || check.state === 'invalid'}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current)
              gutter.current.style.transform = `translateY(${-e.currentTarget.scrollTop}px)`;
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Tab' || e.shiftKey) return;
            e.preventDefault();
            const el = e.currentTarget;
            const { selectionStart: s, selectionEnd: end } = el;
            onChange(`${value.slice(0, s)}  ${value.slice(end)}`);
            requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
          }}
          className="min-w-0 flex-1 resize-none bg-transparent px-2.5 py-2 font-mono text-[12px] leading-[1.55] whitespace-pre text-fg outline-none"
        />
      </div>
      <Status check={check} />
      {check.state === 'valid' && <UnenforcedList issues={check.unenforced} />}
    </div>
  );
}
