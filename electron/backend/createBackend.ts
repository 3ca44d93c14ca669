import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppInfo, TalariaEvents, TalariaMethods } from '../../shared/contract/api';
import { TalariaError } from '../../shared/contract/errors';
import { apiSchemas } from '../../shared/contract/schemas';
import { RpcServer } from '../../shared/rpc/RpcServer';
import type { Handlers } from '../../shared/rpc/types';
import { ChatService } from './chat/ChatService';
import { EngineHost, type SpawnEngine } from './engine/EngineHost';
import { Store } from './store';
import { browse } from './system/browse';

export interface BackendOptions {
  dataDir: string;
  spawnEngine: SpawnEngine;
  shell: AppInfo['shell'];
  version: string;
  /** The desktop shell's native open-file dialog; absent in the headless host. */
  openModelDialog?: () => Promise<string | null>;
  /** Logs errors that reached clients as INTERNAL. */
  log?: (message: string, error?: unknown) => void;
  /** Delta batching interval (ms); tests and benches may change it. */
  batchIntervalMs?: number;
}

export interface Backend {
  server: RpcServer<TalariaMethods, TalariaEvents>;
  /** Loads a model at start-up (the `--model` flag). */
  loadModel(path: string): Promise<void>;
  dispose(): Promise<void>;
}

const RECENT_KEY = 'models.recent';

/** The only composition root: builds every service and releases them in reverse order. */
export function createBackend(options: BackendOptions): Backend {
  mkdirSync(options.dataDir, { recursive: true });
  const store = new Store({ file: join(options.dataDir, 'talaria.db') });
  store.messages.markInterrupted();

  // The server is created after the services it routes to, so events go through this forwarder.
  let server: RpcServer<TalariaMethods, TalariaEvents> | null = null;
  const emit = <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]): void =>
    server?.emit(name, data);

  const engine = new EngineHost({
    spawn: options.spawnEngine,
    onStatus: (status) => emit('engine.status', status),
  });
  const chat = new ChatService({ store, engine, emit, batchIntervalMs: options.batchIntervalMs });

  const rememberModel = (path: string): void => {
    const recent = store.settings.get<string[]>(RECENT_KEY, []).filter((p) => p !== path);
    store.settings.set(RECENT_KEY, [path, ...recent].slice(0, 10));
  };

  const conversationOrThrow = (id: string) => {
    const conversation = store.conversations.get(id);
    if (!conversation) throw new TalariaError('NOT_FOUND', 'That conversation does not exist.');
    return conversation;
  };

  const handlers: Handlers<TalariaMethods> = {
    'app.info': async () => ({
      version: options.version,
      shell: options.shell,
      dataDir: options.dataDir,
      platform: process.platform,
      nativeDialogs: Boolean(options.openModelDialog),
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
      store.conversations.rename(id, title);
      emit('conversations.changed', { id });
      return conversationOrThrow(id);
    },
    'conversations.update': async ({ id, systemPrompt, sampling }) => {
      conversationOrThrow(id);
      store.conversations.update(id, { systemPrompt, sampling });
      emit('conversations.changed', { id });
      return conversationOrThrow(id);
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
      if (chat.active().length > 0) {
        throw new TalariaError(
          'BUSY',
          'Stop the reply being written before loading another model.',
        );
      }
      const status = await engine.load({ path, contextSize, gpuLayers });
      rememberModel(path);
      return status;
    },
    'engine.unload': async () => {
      if (chat.active().length > 0) {
        throw new TalariaError('BUSY', 'Stop the reply being written before unloading the model.');
      }
      return engine.unload();
    },
    'system.browse': async ({ path }) => browse(path ?? homedir()),
    'system.openModelDialog': async () => {
      if (!options.openModelDialog) {
        throw new TalariaError(
          'UNSUPPORTED',
          'Native file dialogs exist only in the desktop app; browse or paste a path instead.',
        );
      }
      return { path: await options.openModelDialog() };
    },
  };

  server = new RpcServer<TalariaMethods, TalariaEvents>({
    handlers,
    schemas: apiSchemas,
    onInternalError: (method, error) => options.log?.(`${method} failed`, error),
  });

  let disposed = false;
  return {
    server,
    async loadModel(path) {
      await engine.load({ path });
      rememberModel(path);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await chat.shutdown();
      await engine.dispose();
      store.close();
    },
  };
}
