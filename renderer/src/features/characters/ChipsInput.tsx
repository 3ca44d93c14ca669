import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Icon } from '../../components/Icon';
import { addChips, removeAt } from './chipEdit';

interface ChipsInputProps {
  id?: string;
  values: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  /** Tags ignore case when telling duplicates apart; keys do not. */
  ignoreCase?: boolean;
  /** Why a chip is a problem (an invalid pattern), shown in red. */
  problemOf?: (chip: string) => string | null;
  label: string;
  testId?: string;
}

/**
 * A list of short strings as chips: Enter, Tab or a comma adds what was typed, Backspace in the
 * empty box removes the last chip, a pasted comma list becomes several chips.
 */
export function ChipsInput({
  id,
  values,
  onChange,
  placeholder,
  ignoreCase,
  problemOf,
  label,
  testId,
}: ChipsInputProps) {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const commit = (input: string): boolean => {
    if (input.trim() === '') return false;
    onChange(addChips(values, input, { ignoreCase }));
    setText('');
    return true;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter' || e.key === ',' || (e.key === 'Tab' && text.trim() !== '')) {
      // A comma inside a /regex/ is part of the key.
      if (e.key === ',' && text.startsWith('/')) return;
      if (commit(text) || e.key !== 'Tab') e.preventDefault();
    } else if (e.key === 'Backspace' && text === '' && values.length > 0) {
      e.preventDefault();
      onChange(values.slice(0, -1));
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>): void => {
    const pasted = e.clipboardData.getData('text');
    if (!pasted.includes(',') && !pasted.includes('\n')) return;
    e.preventDefault();
    commit(text + pasted.replace(/\n/g, ','));
  };
  return (
    <div
      data-testid={testId}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) {
          e.preventDefault();
          inputRef.current?.focus();
        }
      }}
      className="flex min-h-8 w-full cursor-text flex-wrap items-center gap-1 rounded-md border border-line-strong/70 bg-canvas px-1.5 py-1 focus-within:border-accent/60 focus-within:ring-3 focus-within:ring-accent/15"
    >
      {values.map((value, i) => {
        const problem = problemOf?.(value) ?? null;
        return (
          <span
            key={`${value}\u0000${i}`}
            data-testid="chip"
            title={problem ?? value}
            className={`inline-flex h-6 max-w-full items-center gap-1 rounded-[5px] border pr-0.5 pl-2 text-[12px] ${
              problem
                ? 'border-danger/40 bg-danger-soft text-danger'
                : 'border-line-strong/60 bg-sunken text-fg'
            }`}
          >
            {problem && <Icon name="alert" size={11} className="shrink-0" />}
            <span className="truncate">{value}</span>
            <button
              type="button"
              aria-label={`Remove ${value}`}
              onClick={() => onChange(removeAt(values, i))}
              className="flex h-5 w-5 shrink-0 items-center justify-center rounded text-subtle outline-none hover:bg-hover hover:text-fg focus-visible:ring-2 focus-visible:ring-accent/60"
            >
              <Icon name="x" size={11} />
            </button>
          </span>
        );
      })}
      <input
        ref={inputRef}
        id={id}
        aria-label={label}
        value={text}
        placeholder={values.length === 0 ? placeholder : undefined}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => commit(text)}
        className="h-6 min-w-24 flex-1 bg-transparent px-1 text-[13px] text-fg outline-none placeholder:text-subtle"
      />
    </div>
  );
}
