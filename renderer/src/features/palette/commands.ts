import type { Stores } from '../../app/stores';
import type { IconName } from '../../components/Icon';
import { MOD_KEY as MOD } from '../../components/shortcuts';
import { focusComposer } from '../chat/focusComposer';
import { streamOf } from '../chat/chatStore';
import { conversationMenuItems } from '../conversations/conversationMenu';
import { exportConversations, pickAndImport } from '../conversations/transfer';
import { pickAndImportCharacters } from '../characters/importActions';
import { navigate } from '../../app/router';
import { IMPERSONATE_HINT } from '../roleplay/ImpersonateButton';

export interface Command {
  id: string;
  label: string;
  group: 'Chat' | 'Conversation' | 'Go to' | 'View' | 'Data' | 'Model';
  icon?: IconName;
  hint?: string;
  run: () => void;
}

/** Everything the palette offers right now; what does not apply is left out. */
export function buildCommands(stores: Stores, newChat: () => Promise<void>): Command[] {
  const { chat, conversations, ui, settings, models, roleplay } = stores;
  const state = chat.getState();
  const id = state.conversationId;
  const streaming = streamOf(state, id) !== null;
  const entry = conversations.getState().items.find((i) => i.id === id);
  const commands: Command[] = [
    {
      id: 'new',
      label: 'New chat',
      group: 'Chat',
      icon: 'plus',
      hint: `${MOD}+N`,
      run: () => void newChat(),
    },
    {
      id: 'search',
      label: 'Search messages',
      group: 'Chat',
      icon: 'search',
      hint: `${MOD}+Shift+F`,
      run: () => ui.getState().open('search'),
    },
    {
      id: 'focus',
      label: 'Focus the message box',
      group: 'Chat',
      icon: 'pencil',
      hint: '/',
      run: focusComposer,
    },
  ];
  if (streaming) {
    commands.push({
      id: 'stop',
      label: 'Stop generating',
      group: 'Chat',
      icon: 'x',
      hint: 'Esc',
      run: () => void state.stop(),
    });
  } else if (state.messages.at(-1)?.role === 'assistant') {
    commands.push({
      id: 'regenerate',
      label: 'Regenerate last reply',
      group: 'Chat',
      icon: 'refresh',
      hint: `${MOD}+Shift+R`,
      run: () => void state.regenerate(),
    });
  }
  const cast = roleplay.getState().cast;
  if (id && cast?.roleplay.conversationId === id && cast.character && !streaming) {
    const drafting = roleplay.getState().impersonating !== null;
    commands.push({
      id: 'impersonate',
      label: drafting ? 'Stop drafting my line' : 'Impersonate: draft my next line',
      group: 'Chat',
      icon: 'pencil',
      hint: IMPERSONATE_HINT,
      run: () =>
        void (drafting
          ? roleplay.getState().stopImpersonation()
          : roleplay.getState().impersonate()),
    });
  }
  if (id) {
    commands.push({
      id: 'generation',
      label: 'Generation settings…',
      group: 'Conversation',
      icon: 'sliders',
      run: () => ui.getState().open('generation'),
    });
    if (entry) {
      const labels: Record<string, string> = {
        'menu-rename': 'Rename this chat',
        'menu-pin': entry.pinned ? 'Unpin this chat' : 'Pin this chat',
        'menu-duplicate': 'Duplicate this chat',
        'menu-export-md': 'Export this chat as Markdown',
        'menu-export-json': 'Export this chat as JSON',
        'menu-delete': 'Delete this chat',
      };
      const rename = (): void => ui.getState().requestRename(id);
      for (const item of conversationMenuItems(stores, id, entry.pinned, rename)) {
        const label = labels[item.testId ?? ''] ?? item.label;
        commands.push({
          id: `conversation:${label}`,
          label,
          group: 'Conversation',
          icon: item.icon,
          run: item.onSelect,
        });
      }
    }
  }
  commands.push(
    {
      id: 'next',
      label: 'Next chat',
      group: 'Go to',
      icon: 'chevronRight',
      hint: 'Alt+↓',
      run: () => stepConversation(stores, 1),
    },
    {
      id: 'prev',
      label: 'Previous chat',
      group: 'Go to',
      icon: 'chevronLeft',
      hint: 'Alt+↑',
      run: () => stepConversation(stores, -1),
    },
    {
      id: 'go-characters',
      label: 'Go to Characters',
      group: 'Go to',
      icon: 'users',
      run: () => navigate({ screen: 'characters', characterId: null }),
    },
    {
      id: 'theme-light',
      label: 'Theme: Light',
      group: 'View',
      icon: 'sun',
      run: () => settings.getState().setTheme('light'),
    },
    {
      id: 'theme-dark',
      label: 'Theme: Dark',
      group: 'View',
      icon: 'moon',
      run: () => settings.getState().setTheme('dark'),
    },
    {
      id: 'theme-system',
      label: 'Theme: Follow system',
      group: 'View',
      icon: 'monitor',
      run: () => settings.getState().setTheme(null),
    },
    {
      id: 'font-up',
      label: 'Larger text',
      group: 'View',
      icon: 'type',
      hint: `${MOD}+=`,
      run: () => settings.getState().stepFontSize(1),
    },
    {
      id: 'font-down',
      label: 'Smaller text',
      group: 'View',
      icon: 'type',
      hint: `${MOD}+-`,
      run: () => settings.getState().stepFontSize(-1),
    },
    {
      id: 'presets',
      label: 'Presets…',
      group: 'View',
      icon: 'file',
      run: () => roleplay.getState().openManager('presets'),
    },
    {
      id: 'personas',
      label: 'Your personas…',
      group: 'View',
      icon: 'users',
      run: () => roleplay.getState().openManager('personas'),
    },
    {
      id: 'settings',
      label: 'Settings…',
      group: 'View',
      icon: 'sliders',
      run: () => ui.getState().open('settings'),
    },
    {
      id: 'shortcuts',
      label: 'Keyboard shortcuts',
      group: 'View',
      icon: 'keyboard',
      hint: `${MOD}+/`,
      run: () => ui.getState().open('shortcuts'),
    },
    {
      id: 'import',
      label: 'Import chats from a file…',
      group: 'Data',
      icon: 'upload',
      run: () => pickAndImport(stores),
    },
    {
      id: 'import-character',
      label: 'Import character card…',
      group: 'Data',
      icon: 'import',
      run: () => pickAndImportCharacters(stores),
    },
    {
      id: 'export-all-json',
      label: 'Export all chats as JSON',
      group: 'Data',
      icon: 'download',
      run: () => void exportConversations(stores, null, 'json'),
    },
    {
      id: 'export-all-md',
      label: 'Export all chats as Markdown',
      group: 'Data',
      icon: 'download',
      run: () => void exportConversations(stores, null, 'md'),
    },
    {
      id: 'model',
      label: 'Load a model…',
      group: 'Model',
      icon: 'chip',
      hint: `${MOD}+L`,
      run: () => models.getState().openDialog(),
    },
  );
  return commands;
}

/** Opens the next (1) or previous (-1) conversation in sidebar order. */
export function stepConversation(stores: Stores, step: 1 | -1): void {
  const items = stores.conversations.getState().items;
  if (items.length === 0) return;
  const current = items.findIndex((i) => i.id === stores.chat.getState().conversationId);
  const next = items[current < 0 ? 0 : (current + step + items.length) % items.length];
  if (next) void stores.chat.getState().open(next.id);
}
