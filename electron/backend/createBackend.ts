import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, TalariaEvents, TalariaMethods } from '../../shared/contract/api';
import { apiSchemas } from '../../shared/contract/schemas';
import { RpcServer } from '../../shared/rpc/RpcServer';
import type { Handlers } from '../../shared/rpc/types';
import { ChatService } from './chat/ChatService';
import { EngineHost, type SpawnEngine } from './engine/EngineHost';
import type { BackendContext } from './handlers/context';
import { createCoreHandlers, rememberRecentModel } from './handlers/coreHandlers';
import { Store } from './store';

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
  /** better-sqlite3 addon for this runtime (the Electron shell passes its ABI build). */
  sqliteBinding?: string;
}

export interface Backend {
  server: RpcServer<TalariaMethods, TalariaEvents>;
  /** Loads a model at start-up (the `--model` flag). */
  loadModel(path: string): Promise<void>;
  dispose(): Promise<void>;
}

/** The only composition root: builds every service and releases them in reverse order. */
export function createBackend(options: BackendOptions): Backend {
  mkdirSync(options.dataDir, { recursive: true });
  const store = new Store({
    file: join(options.dataDir, 'talaria.db'),
    nativeBinding: options.sqliteBinding,
  });
  // Replies that were streaming when the last run died keep their text, marked interrupted.
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
  const ctx: BackendContext = {
    dataDir: options.dataDir,
    shell: options.shell,
    version: options.version,
    store,
    engine,
    chat,
    emit,
    openModelDialog: options.openModelDialog,
  };

  const handlers: Handlers<TalariaMethods> = {
    ...createCoreHandlers(ctx),
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
      rememberRecentModel(ctx, path);
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
