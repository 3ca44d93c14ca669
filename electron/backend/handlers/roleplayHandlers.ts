import { TalariaError } from '../../../shared/contract/errors';
import type { PersonaMethods } from '../../../shared/contract/personas';
import type { Handlers } from '../../../shared/rpc/types';
import type { Impersonator } from '../roleplay/Impersonator';
import type { AssemblySink } from '../roleplay/RoleplaySource';
import type { BackendContext } from './context';

type RoleplayReplyMethods = Pick<
  PersonaMethods,
  'roleplay.assemblyFor' | 'chat.impersonate' | 'chat.stopImpersonation'
>;

/** The prompt assembly behind a message, and impersonation. */
export function createRoleplayHandlers(
  ctx: BackendContext,
  deps: { assemblies: AssemblySink; impersonator: Impersonator },
): Handlers<RoleplayReplyMethods> {
  const { store, chat } = ctx;
  return {
    'roleplay.assemblyFor': async ({ messageId }) => {
      if (!store.messages.get(messageId)) {
        throw new TalariaError('NOT_FOUND', 'That message does not exist.');
      }
      const stored = deps.assemblies.get(messageId);
      if (!stored) return { assembly: null };
      const { turns: _turns, viaTools: _viaTools, ...assembly } = stored;
      return { assembly };
    },
    'chat.impersonate': async ({ conversationId }) => {
      // The same checks as sending: the chat exists, a model is loaded, no reply is streaming.
      const conversation = chat.prepareReply(conversationId);
      const history = store.messages.activePath(conversationId);
      return { text: await deps.impersonator.draft(conversation, history) };
    },
    'chat.stopImpersonation': async ({ conversationId }) => ({
      stopped: deps.impersonator.stop(conversationId),
    }),
  };
}
