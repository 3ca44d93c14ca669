import { GenerationSettingsDialog } from '../features/chat/GenerationSettings';
import { CommandPalette } from '../features/palette/CommandPalette';
import { ShortcutsDialog } from '../features/palette/ShortcutsDialog';
import { RoleplayDialogs } from '../features/roleplay/RoleplayDialogs';
import { SearchDialog } from '../features/search/SearchDialog';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { useStores } from './stores';
import { Toast } from './Toast';
import { useChatRoute } from './useChatRoute';

/** The chat's dialogs, palette, search and toasts, and the `#/chat/<id>` route sync. */
export function ChatOverlays() {
  useChatRoute(useStores());
  return (
    <>
      <CommandPalette />
      <SearchDialog />
      <GenerationSettingsDialog />
      <SettingsDialog />
      <ShortcutsDialog />
      <RoleplayDialogs />
      <ConfirmDialog />
      <Toast />
    </>
  );
}
