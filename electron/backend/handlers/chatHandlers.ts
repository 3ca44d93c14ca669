import type { ChatMethods } from '../../../shared/contract';
import type { Handlers } from '../../../shared/rpc/types';
import type { BackendContext } from './context';

/** Replies as streams: send, regenerate, edit, continue, stop, attach. */
export function createChatHandlers(ctx: BackendContext): Handlers<ChatMethods> {
  const { chat, branches } = ctx;
  return {
    'chat.send': async ({ conversationId, content }) => chat.send(conversationId, content),
    'chat.regenerate': async ({ conversationId }) => chat.regenerate(conversationId),
    'chat.edit': async ({ messageId, content }) => branches.edit(messageId, content),
    'chat.continue': async ({ conversationId }) => branches.continueReply(conversationId),
    'chat.stop': async ({ streamId }) => ({ stopped: chat.stop(streamId) }),
    'chat.attach': async ({ streamId }) => chat.attach(streamId),
    'chat.active': async () => ({ streams: chat.active() }),
  };
}
