import { useCallback } from 'react';
import { useStores } from '../../app/stores';
import { focusComposer } from '../chat/focusComposer';
import { toShownError } from '../../components/errors';

/** Creates a conversation, shows it and puts the caret in the composer. */
export function useNewChat(): () => Promise<void> {
  const { conversations, chat } = useStores();
  return useCallback(async () => {
    try {
      const conversation = await conversations.getState().create();
      chat.getState().openNew(conversation);
      focusComposer();
    } catch (error) {
      conversations.setState({ error: toShownError(error) });
    }
  }, [conversations, chat]);
}
