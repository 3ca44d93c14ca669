import { useRoleplay } from './useRoleplay';

/** Standalone lorebooks to scan in this chat, besides the character's own book. */
export function LorebookPicker({
  selected,
  disabled,
  onChange,
}: {
  selected: string[];
  disabled: boolean;
  onChange: (ids: string[]) => void;
}) {
  const lorebooks = useRoleplay((s) => s.lorebooks);
  const on = new Set(selected);
  return (
    <fieldset className="flex flex-col gap-1.5" disabled={disabled}>
      <legend className="mb-1.5 text-[12px] font-medium text-muted">Lorebooks</legend>
      {lorebooks && lorebooks.length === 0 && (
        <p className="text-[12px] text-subtle">
          No standalone lorebooks yet. A character’s own lorebook is always used.
        </p>
      )}
      {lorebooks && lorebooks.length > 0 && (
        <ul
          data-testid="setup-lorebooks"
          className="flex max-h-36 flex-col overflow-y-auto rounded-md border border-line"
        >
          {lorebooks.map((book) => (
            <li key={book.id} className="border-b border-line last:border-b-0">
              <label className="flex cursor-pointer items-center gap-2.5 px-2.5 py-1.5 text-[13px] hover:bg-hover/60">
                <input
                  type="checkbox"
                  checked={on.has(book.id)}
                  onChange={(e) =>
                    onChange(
                      e.target.checked
                        ? [...selected, book.id]
                        : selected.filter((id) => id !== book.id),
                    )
                  }
                  className="h-3.5 w-3.5 accent-[var(--t-accent)]"
                />
                <span className="min-w-0 flex-1 truncate">{book.name}</span>
                <span className="shrink-0 text-[11px] text-subtle tabular-nums">
                  {book.entryCount} {book.entryCount === 1 ? 'entry' : 'entries'}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
