import { homedir } from 'node:os';
import type { AppMethods, EngineMethods } from '../../../shared/contract';
import { TalariaError } from '../../../shared/contract/errors';
import type { Handlers } from '../../../shared/rpc/types';
import { browse } from '../system/browse';
import type { BackendContext } from './context';

const RECENT_KEY = 'models.recent';
const LAST_USED_KEY = 'models.lastUsed';

export function rememberRecentModel(ctx: Pick<BackendContext, 'store'>, path: string): void {
  const recent = ctx.store.settings.get<string[]>(RECENT_KEY, []).filter((p) => p !== path);
  ctx.store.settings.set(RECENT_KEY, [path, ...recent].slice(0, 10));
  ctx.store.settings.set(LAST_USED_KEY, { ...lastUsedModels(ctx), [path]: Date.now() });
}

/** Epoch ms of each model path's last successful load (the picker's "last used"). */
export function lastUsedModels(ctx: Pick<BackendContext, 'store'>): Record<string, number> {
  return ctx.store.settings.get<Record<string, number>>(LAST_USED_KEY, {});
}

/** Refuses to change the model while a reply is being written with it. */
export function assertIdle(ctx: Pick<BackendContext, 'chat'>, what: string): void {
  if (ctx.chat.active().length > 0) {
    throw new TalariaError('BUSY', `Stop the reply being written before ${what}.`);
  }
}

/** App facts, settings, the shell's file access, and the engine. */
export function createAppHandlers(ctx: BackendContext): Handlers<AppMethods & EngineMethods> {
  const { store, engine } = ctx;
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
    'engine.status': async () => engine.refreshStatus(),
    'engine.load': async ({ path, contextSize, gpuLayers }) => {
      assertIdle(ctx, 'loading another model');
      const status = await engine.load({ path, contextSize, gpuLayers });
      rememberRecentModel(ctx, path);
      return status;
    },
    'engine.unload': async () => {
      assertIdle(ctx, 'unloading the model');
      return engine.unload();
    },
  };
}
