import { useStore } from 'zustand';
import { useStores } from '../../app/stores';
import type { ConversationCast } from '../../../../shared/contract/personas';
import type { RoleplayState } from './roleplayStore';

export function useRoleplay<T>(selector: (state: RoleplayState) => T): T {
  return useStore(useStores().roleplay, selector);
}

/** The cast of the conversation in the chat pane, once it is known to be that one's. */
export function useCast(): ConversationCast | null {
  const { chat } = useStores();
  const conversationId = useStore(chat, (s) => s.conversationId);
  return useRoleplay((s) =>
    s.cast && s.cast.roleplay.conversationId === conversationId ? s.cast : null,
  );
}
