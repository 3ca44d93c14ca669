import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  contract,
  type AppInfo,
  type TalariaEvents,
  type TalariaMethods,
} from '../../shared/contract';
import { RpcServer } from '../../shared/rpc/RpcServer';
import type { Handlers } from '../../shared/rpc/types';
import { ChatBranches } from './chat/ChatBranches';
import { ChatService } from './chat/ChatService';
import { ConversationReplies } from './chat/ConversationReplies';
import { ImportExportService } from './chat/transfer/ImportExportService';
import { createHistoryFitter } from './chat/contextFit';
import { EngineHost, type SpawnEngine } from './engine/EngineHost';
import type { BackendContext } from './handlers/context';
import { createAppHandlers, rememberRecentModel } from './handlers/appHandlers';
import { createChatHandlers } from './handlers/chatHandlers';
import { createConversationHandlers } from './handlers/conversationHandlers';
import { registerHandlers } from './handlers/registry';
import { createLibraryHandlers } from './handlers/libraryHandlers';
import { createPersonaHandlers } from './handlers/personaHandlers';
import { createRoleplayHandlers } from './handlers/roleplayHandlers';
import { Downloader, type DownloaderOptions } from './models/Downloader';
import { createHardwareSource } from './models/hardware';
import { DEFAULT_HUB_ENDPOINT, HubClient } from './models/HubClient';
import { HubTokens, type SecretStore } from './models/HubTokens';
import { ModelLibrary } from './models/ModelLibrary';
import { modelsDirFor } from './models/repoPaths';
import { createPersonaServices } from './personas';
import { Impersonator } from './roleplay/Impersonator';
import { assemblySink, personaSource } from './roleplay/personaSource';
import { RoleplayPrompts } from './roleplay/RoleplayPrompts';
import { ApiServer, type ApiServerOptions } from '../api/ApiServer';
import { Store } from './store';
import { SearchRepository } from './store/SearchRepository';
import { createBuiltinTools, type BuiltinToolsOptions } from './tools/builtins';
import { createToolHandlers } from './tools/toolHandlers';
import { PendingAsks } from './tools/ToolExecutor';
import { ToolService } from './tools/ToolService';
import { ToolStore } from './tools/ToolStore';

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
  /** Clock and random source of the built-in tools (tests seed the dice). */
  builtinTools?: BuiltinToolsOptions;
  /** The Hugging Face Hub or a mirror; default `HF_ENDPOINT`, else https://huggingface.co. */
  hubEndpoint?: string;
  /** A token from the environment; default `HF_TOKEN`. A stored token wins over it. */
  hubToken?: string | null;
  /** Encrypted storage for the Hub token (the desktop app); the headless host has none. */
  secretStore?: SecretStore;
  /** Download tuning (tests use short timeouts and small chunks). */
  downloads?: Omit<Partial<DownloaderOptions>, 'modelsDir' | 'hub'>;
}

export type { SecretStore } from './models/HubTokens';

export type ApiStartOptions = Omit<ApiServerOptions, 'engine' | 'library'>;

export interface Backend {
  server: RpcServer<TalariaMethods, TalariaEvents>;
  /** Loads a model at start-up (the `--model` flag); `parallel` adds API sequences. */
  loadModel(path: string, options?: { parallel?: number }): Promise<void>;
  /**
   * Starts the OpenAI-compatible API on this backend's engine and library (`talaria api`);
   * dispose() stops it. Throws when the address needs an API key it was not given.
   */
  startApi(options: ApiStartOptions): Promise<ApiServer>;
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
  const toolStore = new ToolStore(store.db);
  toolStore.calls.markInterrupted();

  // The server is created after the services it routes to, so events go through this forwarder.
  let server: RpcServer<TalariaMethods, TalariaEvents> | null = null;
  const emit = <K extends keyof TalariaEvents>(name: K, data: TalariaEvents[K]): void =>
    server?.emit(name, data);

  const engine = new EngineHost({
    spawn: options.spawnEngine,
    onStatus: (status) => emit('engine.status', status),
  });
  const toolService = new ToolService({
    store,
    tools: toolStore,
    builtins: createBuiltinTools(options.builtinTools),
  });
  const asks = new PendingAsks();
  const modelsDir = modelsDirFor(options.dataDir);
  const library = new ModelLibrary({ modelsDir });
  const personas = createPersonaServices({ store, emit });
  const assemblies = assemblySink(store);
  const roleplayPrompts = new RoleplayPrompts({ engine, source: personaSource(personas) });
  const replies = new ConversationReplies({
    store,
    tools: toolStore,
    service: toolService,
    asks,
    roleplay: { prompts: roleplayPrompts, assemblies },
    modelToolResponseRole: async () => {
      const path = engine.status.model?.path;
      return path ? (await library.settingsForPath(path)).toolResponseRole : 'tool';
    },
  });
  const impersonator = new Impersonator({ engine, prompts: roleplayPrompts, emit });
  const chat = new ChatService({
    store,
    engine,
    emit,
    batchIntervalMs: options.batchIntervalMs,
    replies,
    fitHistory: createHistoryFitter({
      contextSize: () => engine.status.model?.contextSize ?? null,
      count: async (text) => (await engine.countTokens(text))?.count ?? null,
    }),
  });
  const hubEndpoint = options.hubEndpoint ?? (process.env.HF_ENDPOINT || DEFAULT_HUB_ENDPOINT);
  const hubTokens = new HubTokens({
    endpoint: hubEndpoint,
    envToken: options.hubToken !== undefined ? options.hubToken : process.env.HF_TOKEN,
    secretStore: options.secretStore,
  });
  const hub = new HubClient({ endpoint: hubEndpoint, token: () => hubTokens.current() });
  const downloads = new Downloader({ ...options.downloads, modelsDir, hub });
  downloads.onEvent(({ type, job }) => {
    emit(type === 'progress' ? 'downloads.progress' : 'downloads.state', job);
    if (type === 'state' && job.state === 'completed') {
      emit('library.changed', { modelId: null });
    }
  });
  // Downloads left by the last run resume once the stored token is known (gated repos need it).
  const modelsReady = hubTokens
    .init()
    .then(() => downloads.restore())
    .catch((error: unknown) => options.log?.('restoring downloads failed', error));
  const ctx: BackendContext = {
    dataDir: options.dataDir,
    shell: options.shell,
    version: options.version,
    store,
    engine,
    chat,
    branches: new ChatBranches({ store, chat, emit }),
    search: new SearchRepository(store.db),
    transfer: new ImportExportService({ store }),
    decorate: (messages) => toolStore.decorate(messages),
    emit,
    openModelDialog: options.openModelDialog,
    hub,
    hubTokens,
    downloads,
    library,
    hardware: createHardwareSource(() => engine.hardware()),
    personas,
  };

  const handlers: Handlers<TalariaMethods> = registerHandlers(
    createAppHandlers(ctx),
    createConversationHandlers(ctx),
    createChatHandlers(ctx),
    createToolHandlers(ctx, { service: toolService, tools: toolStore, asks, assemblies }),
    createLibraryHandlers(ctx),
    createPersonaHandlers(ctx),
    createRoleplayHandlers(ctx, { assemblies, impersonator }),
  );
  server = new RpcServer<TalariaMethods, TalariaEvents>({
    handlers,
    schemas: contract,
    onInternalError: (method, error) => options.log?.(`${method} failed`, error),
  });

  let disposed = false;
  let api: ApiServer | null = null;
  return {
    server,
    async loadModel(path, loadOptions = {}) {
      await engine.load({ path, ...loadOptions });
      rememberRecentModel(ctx, path);
    },
    async startApi(apiOptions) {
      // Built first: settings that may not start leave a running server alone.
      const next = new ApiServer({ ...apiOptions, engine, library });
      await api?.close();
      api = next;
      await api.start();
      return api;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await api?.close();
      impersonator.stopAll();
      await chat.shutdown();
      await modelsReady;
      // Running downloads keep their progress on disk and resume on the next start.
      await downloads.dispose();
      hub.dispose();
      await engine.dispose();
      store.close();
    },
  };
}
