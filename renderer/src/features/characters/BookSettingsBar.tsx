import { useId } from 'react';
import type { CharacterBook } from '../../../../shared/cards';
import { NumberInput, Switch } from './formControls';
import { readBookSettings, writeBookSettings } from './loreForm';

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
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-depth`} className="text-[12px] font-medium">
          Scan depth
        </label>
        <div className="flex items-center gap-2">
          <NumberInput
            id={`${id}-depth`}
            label="Scan depth"
            min={0}
            max={1000}
            placeholder="2"
            value={settings.scanDepth}
            onChange={(scanDepth) => onChange(writeBookSettings(book, { scanDepth }))}
          />
          <span className="text-[12px] text-subtle">latest messages</span>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-budget`} className="text-[12px] font-medium">
          Token budget
        </label>
        <div className="flex items-center gap-2">
          <NumberInput
            id={`${id}-budget`}
            label="Token budget"
            className="w-24"
            min={0}
            placeholder="No limit"
            value={settings.tokenBudget}
            onChange={(tokenBudget) => onChange(writeBookSettings(book, { tokenBudget }))}
          />
          <span className="text-[12px] text-subtle">tokens at most</span>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <span className="text-[12px] font-medium">Recursive scanning</span>
        <div className="flex h-8 items-center gap-2">
          <Switch
            label="Recursive scanning"
            checked={settings.recursive}
            onChange={(recursive) => onChange(writeBookSettings(book, { recursive }))}
          />
          <span className="text-[12px] text-subtle">entries trigger entries</span>
        </div>
      </div>
    </div>
  );
}
