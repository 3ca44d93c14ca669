import { useId, useMemo, useState } from 'react';
import { useStores, useUi } from '../../app/stores';
import { Kbd } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import { useNewChat } from '../conversations/useNewChat';
import { buildCommands, type Command } from './commands';
import { fuzzyFilter } from './fuzzy';

/** Conversations offered as "Go to" entries when the query matches their title. */
const MAX_CONVERSATION_HITS = 20;

function PalettePanel({ onClose }: { onClose: () => void }) {
  const stores = useStores();
  const newChat = useNewChat();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const commands = useMemo(() => buildCommands(stores, newChat), [stores, newChat]);

  const shown = useMemo(() => {
    const matched = fuzzyFilter(commands, query, (c) => `${c.group} ${c.label}`);
    if (!query.trim()) return matched;
    const conversations = fuzzyFilter(
      stores.conversations.getState().items,
      query,
      (c) => c.title,
    ).slice(0, MAX_CONVERSATION_HITS);
    const goTo: Command[] = conversations.map((c) => ({
      id: `open:${c.id}`,
      label: c.title || 'Untitled',
      group: 'Go to',
      icon: c.pinned ? 'pin' : 'chat',
      run: () => void stores.chat.getState().open(c.id),
    }));
    return [...matched, ...goTo];
  }, [commands, query, stores]);

  const run = (command: Command | undefined): void => {
    if (!command) return;
    onClose();
    command.run();
  };

  return (
    <div className="flex max-h-[70vh] flex-col">
      <div className="flex items-center gap-2.5 border-b border-line px-4">
        <Icon name="command" size={15} className="shrink-0 text-subtle" />
        <input
          autoFocus
          data-testid="palette-input"
          role="combobox"
          aria-label="Type a command or a chat title"
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          placeholder="Type a command or a chat title…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((a) => (a + step + shown.length) % Math.max(1, shown.length));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(shown[active]);
            }
          }}
          className="h-12 flex-1 bg-transparent text-[15px] outline-none placeholder:text-subtle"
        />
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label="Commands"
        className="min-h-0 flex-1 overflow-y-auto p-1.5"
      >
        {shown.map((command, i) => (
          <li
            key={command.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            data-testid="palette-item"
            onMouseMove={() => setActive(i)}
            onClick={() => run(command)}
            className={`flex h-9 cursor-pointer items-center gap-2.5 rounded-lg px-3 text-[13px] ${i === active ? 'bg-hover text-fg' : 'text-fg/90'}`}
          >
            {command.icon && <Icon name={command.icon} size={14} className="shrink-0 text-muted" />}
            <span className="min-w-0 flex-1 truncate">{command.label}</span>
            <span className="shrink-0 text-[11px] text-subtle">{command.group}</span>
            {command.hint && <Kbd>{command.hint}</Kbd>}
          </li>
        ))}
        {shown.length === 0 && (
          <li className="px-3 py-6 text-center text-[13px] text-muted">
            No command or chat matches.
          </li>
        )}
      </ul>
    </div>
  );
}

/** Ctrl/Cmd+K: every action and every chat, a few keystrokes away. */
export function CommandPalette() {
  const { ui } = useStores();
  const open = useUi((s) => s.overlay === 'palette');
  const close = (): void => ui.getState().close();
  return (
    <Overlay open={open} label="Command palette" onClose={close} testId="command-palette">
      <PalettePanel onClose={close} />
    </Overlay>
  );
}
