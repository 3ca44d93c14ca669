import { homedir } from 'node:os';
import type { CoreMethods } from '../../../shared/contract/api';
import { TalariaError } from '../../../shared/contract/errors';
import type { Conversation } from '../../../shared/contract/types';
import type { Handlers } from '../../../shared/rpc/types';
import { browse } from '../system/browse';
import type { BackendContext } from './context';

const RECENT_KEY = 'models.recent';

const LAST_USED_KEY = 'models.lastUsed';

export function rememberRecentModel(ctx: BackendContext, path: string): void {
  const recent = ctx.store.settings.get<string[]>(RECENT_KEY, []).filter((p) => p !== path);
  ctx.store.settings.set(RECENT_KEY, [path, ...recent].slice(0, 10));
  ctx.store.settings.set(LAST_USED_KEY, { ...lastUsedModels(ctx), [path]: Date.now() });
}

/** Epoch ms of each model path's last successful load (the picker's "last used"). */
export function lastUsedModels(ctx: BackendContext): Record<string, number> {
  return ctx.store.settings.get<Record<string, number>>(LAST_USED_KEY, {});
}

/** App, settings, conversations, chat streaming, engine and file-browsing methods. */
export function createCoreHandlers(ctx: BackendContext): Handlers<CoreMethods> {
  const { store, engine, chat, emit } = ctx;
  const conversationOrThrow = (id: string): Conversation => {
    const conversation = store.conversations.get(id);
    if (!conversation) throw new TalariaError('NOT_FOUND', 'That conversation does not exist.');
    return conversation;
  };
  const assertIdle = (what: string): void => {
    if (chat.active().length > 0) {
      throw new TalariaError('BUSY', `Stop the reply being written before ${what}.`);
    }
  };

  return {
    'app.info': async () => ({
      version: ctx.version,
      shell: ctx.shell,
      dataDir: ctx.dataDir,
      platform: process.platform,
      nativeDialogs: Boolean(ctx.openModelDialog),
      recentModels: store.settings.get<string[]>(RECENT_KEY, []),
      homeDir: homedir(),
    }),
    'settings.get': async ({ key }) => ({ value: store.settings.get<unknown>(key, null) }),
    'settings.set': async ({ key, value }) => {
      store.settings.set(key, value);
      return { ok: true };
    },
    'conversations.list': async () => ({ conversations: store.conversations.list() }),
    'conversations.create': async (params) => {
      const conversation = store.conversations.create(params);
      emit('conversations.changed', { id: conversation.id });
      return conversation;
    },
    'conversations.get': async ({ id }) => ({
      conversation: conversationOrThrow(id),
      messages: store.messages.activePath(id),
    }),
    'conversations.rename': async ({ id, title }) => {
      conversationOrThrow(id);
      const conversation = store.conversations.rename(id, title);
      emit('conversations.changed', { id });
      return conversation;
    },
    'conversations.update': async ({ id, systemPrompt, sampling }) => {
      conversationOrThrow(id);
      const conversation = store.conversations.update(id, { systemPrompt, sampling });
      emit('conversations.changed', { id });
      return conversation;
    },
    'conversations.delete': async ({ id }) => {
      conversationOrThrow(id);
      await chat.stopConversation(id);
      store.conversations.delete(id);
      emit('conversations.changed', { id, deleted: true });
      return { ok: true };
    },
    'chat.send': async ({ conversationId, content }) => chat.send(conversationId, content),
    'chat.regenerate': async ({ conversationId }) => chat.regenerate(conversationId),
    'chat.stop': async ({ streamId }) => ({ stopped: chat.stop(streamId) }),
    'chat.attach': async ({ streamId }) => chat.attach(streamId),
    'chat.active': async () => ({ streams: chat.active() }),
    'engine.status': async () => engine.refreshStatus(),
    'engine.load': async ({ path, contextSize, gpuLayers }) => {
      assertIdle('loading another model');
      const status = await engine.load({ path, contextSize, gpuLayers });
      rememberRecentModel(ctx, path);
      return status;
    },
    'engine.unload': async () => {
      assertIdle('unloading the model');
      return engine.unload();
    },
    'system.browse': async ({ path }) => browse(path ?? homedir()),
    'system.openModelDialog': async () => {
      if (!ctx.openModelDialog) {
        throw new TalariaError(
          'UNSUPPORTED',
          'Native file dialogs exist only in the desktop app; browse or paste a path instead.',
        );
      }
      return { path: await ctx.openModelDialog() };
    },
  };
}
