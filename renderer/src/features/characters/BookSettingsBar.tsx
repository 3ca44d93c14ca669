import { useId, type ReactNode } from 'react';
import type { CharacterBook } from '../../../../shared/cards';
import { NumberInput, Switch } from './formControls';
import { readBookSettings, writeBookSettings } from './loreForm';

/** One setting of the bar: its name over the control, with what the number counts after it. */
function Setting({
  label,
  htmlFor,
  unit,
  children,
}: {
  label: string;
  /** The control's id; a switch names itself, so its label is plain text. */
  htmlFor?: string;
  unit: string;
  children: ReactNode;
}) {
  const Label = htmlFor ? 'label' : 'span';
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={htmlFor} className="text-[12px] font-medium">
        {label}
      </Label>
      <div className="flex h-8 items-center gap-2">
        {children}
        <span className="text-[12px] text-subtle">{unit}</span>
      </div>
    </div>
  );
}

/** How a book is scanned: how far back, how many tokens at most, and whether entries chain. */
export function BookSettingsBar({
  book,
  onChange,
}: {
  book: CharacterBook;
  onChange: (next: CharacterBook) => void;
}) {
  const id = useId();
  const settings = readBookSettings(book);
  return (
    <div
      data-testid="book-settings"
      className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-line bg-panel/60 px-4 py-3 sm:grid-cols-3"
    >
      <Setting label="Scan depth" htmlFor={`${id}-depth`} unit="latest messages">
        <NumberInput
          id={`${id}-depth`}
          label="Scan depth"
          min={0}
          max={1000}
          placeholder="2"
          value={settings.scanDepth}
          onChange={(scanDepth) => onChange(writeBookSettings(book, { scanDepth }))}
        />
      </Setting>
      <Setting label="Token budget" htmlFor={`${id}-budget`} unit="tokens at most">
        <NumberInput
          id={`${id}-budget`}
          label="Token budget"
          className="w-24"
          min={0}
          placeholder="No limit"
          value={settings.tokenBudget}
          onChange={(tokenBudget) => onChange(writeBookSettings(book, { tokenBudget }))}
        />
      </Setting>
      <Setting label="Recursive scanning" unit="entries trigger entries">
        <Switch
          label="Recursive scanning"
          checked={settings.recursive}
          onChange={(recursive) => onChange(writeBookSettings(book, { recursive }))}
        />
      </Setting>
    </div>
  );
}
