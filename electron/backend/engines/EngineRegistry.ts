import { TalariaError } from '../../../shared/contract/errors';
import type { SecretStore } from '../models/HubTokens';
import type { SettingsRepository } from '../store/SettingsRepository';
import { describeCapabilities, probeEngine, type RemoteCapabilities } from './probeEngine';
import { RemoteHttp, serverRoot } from './RemoteHttp';

/** A remote engine as the user configured it, with what it offered when last probed. */
export interface RemoteEngineInfo {
  name: string;
  /** Server root as normalised (no trailing `/v1`). */
  baseUrl: string;
  /** Where the key comes from: the desktop app's encrypted store, an environment variable, none. */
  keySource: 'stored' | 'env' | null;
  /** The environment variable holding the key, for keySource 'env'. */
  apiKeyEnv: string | null;
  capabilities: RemoteCapabilities | null;
  /** "llama.cpp b1 · raw prompt ✓ · grammar ✓ (llama.cpp) · tokenizer ✓". */
  summary: string | null;
  /** Epoch ms of the last successful probe. */
  probedAt: number | null;
  /** Why the last probe failed, in words; null after a success. */
  lastError: string | null;
}

export interface AddEngineInput {
  name: string;
  baseUrl: string;
  /** A key to store encrypted (desktop app only). */
  apiKey?: string | null;
  /** Read the key from this environment variable each time (headless host and CLI). */
  apiKeyEnv?: string | null;
}

export interface EngineRegistryOptions {
  settings: SettingsRepository;
  /** The environment keys are read from (process.env in the app). */
  env: Readonly<Record<string, string | undefined>>;
  /** The desktop app's safeStorage-backed store; absent in the headless host and CLI. */
  secretStore?: SecretStore;
  fetch?: typeof fetch;
  now?: () => number;
}

type StoredEngine = Omit<RemoteEngineInfo, 'keySource' | 'summary'> & { hasStoredKey: boolean };

const SETTINGS_KEY = 'engines.remote';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const secretKey = (name: string) => `engine.${name}.apiKey`;

/**
 * The remote engines the user added: where they are, where their key comes from, and what each
 * offered when last probed. Keys are never written to the database: the desktop app keeps them
 * in its encrypted store, the headless host and the CLI read them from the environment.
 */
export class EngineRegistry {
  private readonly now: () => number;

  constructor(private readonly options: EngineRegistryOptions) {
    this.now = options.now ?? Date.now;
  }

  list(): RemoteEngineInfo[] {
    return this.read().map((e) => this.info(e));
  }

  get(name: string): RemoteEngineInfo {
    return this.info(this.find(name));
  }

  /** Adds an engine and probes it; a server that is down is still added, with the reason. */
  async add(input: AddEngineInput): Promise<RemoteEngineInfo> {
    const name = input.name.trim();
    if (!NAME.test(name)) {
      throw new TalariaError(
        'INVALID_INPUT',
        `"${input.name}" is not a usable engine name: use letters, digits, dots, dashes or underscores.`,
      );
    }
    const engines = this.read();
    if (engines.some((e) => e.name.toLowerCase() === name.toLowerCase())) {
      throw new TalariaError(
        'INVALID_INPUT',
        `An engine named ${name} already exists; remove it first.`,
      );
    }
    if (input.apiKey && input.apiKeyEnv) {
      throw new TalariaError('INVALID_INPUT', 'Give either an API key or a variable, not both.');
    }
    if (input.apiKeyEnv && !ENV_NAME.test(input.apiKeyEnv)) {
      throw new TalariaError('INVALID_INPUT', `"${input.apiKeyEnv}" is not a variable name.`);
    }
    const baseUrl = serverRoot(input.baseUrl).href.replace(/\/$/, '');
    if (input.apiKey) await this.storeKey(name, input.apiKey);
    const engine: StoredEngine = {
      name,
      baseUrl,
      apiKeyEnv: input.apiKeyEnv ?? null,
      hasStoredKey: Boolean(input.apiKey),
      capabilities: null,
      probedAt: null,
      lastError: null,
    };
    this.write([...engines, engine]);
    return this.test(name);
  }

  /** Probes the engine again and records what it offers (or why it could not be reached). */
  async test(name: string, signal?: AbortSignal): Promise<RemoteEngineInfo> {
    const engine = this.find(name);
    try {
      const capabilities = await probeEngine(await this.http(engine.name), signal);
      this.update(engine.name, { capabilities, probedAt: this.now(), lastError: null });
    } catch (error) {
      if (!(error instanceof TalariaError) || error.code === 'ABORTED') throw error;
      this.update(engine.name, { lastError: error.message });
    }
    return this.get(engine.name);
  }

  async remove(name: string): Promise<void> {
    const engine = this.find(name);
    if (engine.hasStoredKey) await this.options.secretStore?.set(secretKey(engine.name), null);
    this.write(this.read().filter((e) => e.name !== engine.name));
  }

  /** An HTTP client for the engine, carrying its key to its own origin only. */
  async http(name: string, timeoutMs?: number): Promise<RemoteHttp> {
    const engine = this.find(name);
    return new RemoteHttp({
      name: engine.name,
      baseUrl: engine.baseUrl,
      apiKey: await this.apiKey(engine),
      timeoutMs,
      fetch: this.options.fetch,
    });
  }

  private async apiKey(engine: StoredEngine): Promise<string | null> {
    if (engine.hasStoredKey) {
      const store = this.options.secretStore;
      const key =
        store && store.unavailableReason() === null
          ? await store.get(secretKey(engine.name))
          : null;
      if (!key) {
        throw new TalariaError(
          'ENGINE_AUTH',
          `The API key of ${engine.name} is stored in the desktop app's keychain, which is not available here. Set it in an environment variable and add the engine again with --api-key-env.`,
        );
      }
      return key;
    }
    if (engine.apiKeyEnv) {
      const key = this.options.env[engine.apiKeyEnv]?.trim();
      if (!key) {
        throw new TalariaError(
          'ENGINE_AUTH',
          `${engine.name} takes its API key from $${engine.apiKeyEnv}, which is not set.`,
        );
      }
      return key;
    }
    return null;
  }

  private async storeKey(name: string, key: string): Promise<void> {
    const store = this.options.secretStore;
    const refusal = store ? store.unavailableReason() : 'no keychain';
    if (!store || refusal !== null) {
      throw new TalariaError(
        'UNSUPPORTED',
        `API keys are only stored by the desktop app, encrypted with the system keychain${store ? ` (${refusal})` : ''}. Here, put the key in an environment variable and pass --api-key-env VAR instead.`,
      );
    }
    await store.set(secretKey(name), key.trim());
  }

  private find(name: string): StoredEngine {
    const engine = this.read().find((e) => e.name.toLowerCase() === name.trim().toLowerCase());
    if (!engine) {
      throw new TalariaError(
        'NOT_FOUND',
        `No engine named ${name}. \`talaria engines list\` shows them.`,
      );
    }
    return engine;
  }

  private update(name: string, patch: Partial<StoredEngine>): void {
    this.write(this.read().map((e) => (e.name === name ? { ...e, ...patch } : e)));
  }

  private read(): StoredEngine[] {
    const stored = this.options.settings.get<unknown[]>(SETTINGS_KEY, []);
    return stored.filter(
      (e): e is StoredEngine =>
        typeof e === 'object' && e !== null && typeof (e as StoredEngine).name === 'string',
    );
  }

  private write(engines: StoredEngine[]): void {
    this.options.settings.set(SETTINGS_KEY, engines);
  }

  private info(engine: StoredEngine): RemoteEngineInfo {
    const { hasStoredKey, ...rest } = engine;
    return {
      ...rest,
      keySource: hasStoredKey ? 'stored' : engine.apiKeyEnv ? 'env' : null,
      summary: engine.capabilities ? describeCapabilities(engine.capabilities) : null,
    };
  }
}
