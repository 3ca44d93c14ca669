import type { GgufFileInfo } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import { pageOf } from '../../../shared/contract/define';
import type { LibraryMethods } from '../../../shared/contract/library';
import type { Handlers } from '../../../shared/rpc/types';
import { hermesCatalog } from '../models/catalog';
import { createLibraryPicker } from '../models/libraryPicker';
import { toLoadOptions } from '../models/modelSettings';
import { buildRepoView } from '../models/repoView';
import type { BackendContext } from './context';
import { assertIdle, lastUsedModels, rememberRecentModel } from './appHandlers';

/** Catalog, Hub search and repo views, downloads, the library and per-model load settings. */
export function createLibraryHandlers(ctx: BackendContext): Handlers<LibraryMethods> {
  const { hub, downloads, library, hubTokens, engine, emit } = ctx;
  const headerCache = new Map<string, GgufFileInfo>();
  const picker = createLibraryPicker({
    library,
    hardware: ctx.hardware,
    lastUsed: () => lastUsedModels(ctx),
  });

  return {
    'library.catalog': async () => ({ entries: hermesCatalog() }),
    'hub.search': async ({ query, limit }, call) => ({
      results: await hub.search({ query: query.trim(), limit, signal: call.signal }),
    }),
    'hub.repo': async (params, call) =>
      buildRepoView({ hub, library, hardware: ctx.hardware, headerCache }, params, call.signal),
    'hub.setToken': async ({ token }) => hubTokens.set(token),
    'hub.tokenStatus': async () => hubTokens.status(),

    'downloads.start': async (params) => downloads.enqueue(params),
    'downloads.pause': async ({ id }) => downloads.pause(id),
    'downloads.resume': async ({ id }) => downloads.resume(id),
    'downloads.cancel': async ({ id }) => downloads.cancel(id),
    'downloads.list': async (page) => {
      const { items, total } = pageOf(downloads.list(), page);
      return { jobs: items, total };
    },

    'library.list': async (page) => {
      const { items, total } = pageOf(await library.list(), page);
      return { models: items, total, modelsDir: library.modelsDir };
    },
    'library.picker': async (page) => {
      const { items, total } = pageOf(await picker(), page);
      return { models: items, total, hasGpu: (await ctx.hardware()).gpu !== false };
    },
    'library.import': async ({ path, mode }) => {
      const model = await library.import({ sourcePath: path, mode });
      emit('library.changed', { modelId: model.id });
      return model;
    },
    'library.delete': async ({ id }) => {
      const model = await library.get(id);
      if (engine.status.model?.path === model.path) {
        assertIdle(ctx, 'deleting the loaded model');
        await engine.unload();
      }
      await library.delete(id);
      emit('library.changed', { modelId: id });
      return { ok: true };
    },
    'library.getSettings': async ({ id }) => library.getLoadSettings(id),
    'library.setSettings': async ({ id, settings }) => library.setLoadSettings(id, settings),
    'library.load': async ({ id, settings }) => {
      assertIdle(ctx, 'loading another model');
      const model = await library.get(id);
      if (model.error !== null) {
        throw new TalariaError(
          'INVALID_INPUT',
          `${model.fileName} cannot be loaded: ${model.error}`,
        );
      }
      const chosen = settings
        ? await library.setLoadSettings(id, settings)
        : await library.getLoadSettings(id);
      const status = await engine.load(toLoadOptions(model.path, chosen));
      rememberRecentModel(ctx, model.path);
      return status;
    },
  };
}
