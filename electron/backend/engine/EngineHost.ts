import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type { HardwareInfo } from '../../../shared/contract/library';
import type {
  EngineStatus,
  GenerationStats,
  LoadModelOptions,
} from '../../../shared/contract/types';
import { RpcClient } from '../../../shared/rpc/RpcClient';
import type { Transport } from '../../../shared/rpc/wire';
import type { HermesMessage } from '../../../shared/hermes';
import type { AssembledPrompt } from '../../../shared/personas';
import type { Engine, EngineGenerateOptions, EngineStreamCallbacks } from './Engine';
import type {
  EngineAssembleParams,
  EngineEvents,
  EngineSamplingParams,
  EngineMethods,
} from './engineProtocol';

/** A started engine child process, however it was spawned (fork or utilityProcess). */
export interface EngineProcessHandle {
  transport: Transport;
  /** OS process id, for diagnostics and crash tests. */
  pid: number | undefined;
  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): void;
  kill(): void;
}

export type SpawnEngine = () => EngineProcessHandle;

export interface EngineHostOptions {
  spawn: SpawnEngine;
  /** Called whenever the status changes (load, unload, crash, restart). */
  onStatus?: (status: EngineStatus) => void;
}

export type GenerateCallbacks = EngineStreamCallbacks;

/** Tool calling or JSON mode for one reply (see engineProtocol). */
export type GenerateOptions = EngineGenerateOptions;

/** Crashes within this window count towards giving up on automatic reloads. */
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 3;

const STOPPED: EngineStatus = {
  state: 'stopped',
  backend: null,
  gpuNames: [],
  threads: 0,
  model: null,
  gpuLayers: 0,
  memory: null,
  lastError: null,
};

interface Running {
  client: RpcClient<EngineMethods, EngineEvents>;
  handle: EngineProcessHandle;
}

/**
 * The backend's side of the engine process, and the first `Engine`: starts the process on
 * demand, forwards requests, and turns a dead process into a coded error plus a fresh process on
 * the next request.
 */
export class EngineHost implements Engine {
  private running: Running | null = null;
  private current: EngineStatus = STOPPED;
  private activity: string | null = null;
  private readonly textListeners = new Map<string, (text: string, tokens: number) => void>();
  private disposed = false;

  constructor(private readonly options: EngineHostOptions) {}

  get status(): EngineStatus {
    return this.current;
  }

  async refreshStatus(): Promise<EngineStatus> {
    if (!this.running) return this.current;
    const status = await this.call('status', {}, 'reading the engine status');
    this.setStatus({ ...status, lastError: status.model ? null : this.current.lastError });
    return this.current;
  }

  async load(options: LoadModelOptions): Promise<EngineStatus> {
    return this.loadWith(options, null);
  }

  /** `notice` stays the status's message while loading (the crash reload says why it loads). */
  private async loadWith(
    options: LoadModelOptions,
    notice: EngineStatus['lastError'],
  ): Promise<EngineStatus> {
    this.setStatus({ ...this.current, state: 'loading', lastError: notice });
    const name = options.path.split(/[\\/]/).pop() ?? options.path;
    try {
      await this.call('load', options, `loading ${name}`);
      this.loadedWith = options;
    } catch (error) {
      const shape =
        error instanceof TalariaError ? error : new TalariaError('LOAD_FAILED', String(error));
      const base = this.running ? await this.safeStatus() : STOPPED;
      this.setStatus({
        ...base,
        lastError: { code: shape.code, message: shape.message, path: options.path },
      });
      throw shape;
    }
    return this.refreshStatus();
  }

  async unload(): Promise<EngineStatus> {
    this.loadedWith = null;
    if (!this.running) return this.current;
    await this.call('unload', {}, 'unloading the model');
    return this.refreshStatus();
  }

  async generate(
    messages: HermesMessage[],
    sampling: EngineSamplingParams,
    callbacks: GenerateCallbacks,
    options: GenerateOptions = {},
  ): Promise<{ text: string; stats: GenerationStats }> {
    return this.streamed(callbacks, (requestId) =>
      this.call('generate', { requestId, messages, sampling, ...options }, 'generating', {
        signal: callbacks.signal,
      }),
    );
  }

  /** A raw prompt continued with no chat template (the API's `/v1/completions`). */
  async complete(
    prompt: string,
    sampling: EngineSamplingParams,
    callbacks: GenerateCallbacks,
    options: { lane?: 'app' | 'api' } = {},
  ): Promise<{ text: string; stats: GenerationStats }> {
    return this.streamed(callbacks, (requestId) =>
      this.call('complete', { requestId, prompt, sampling, ...options }, 'generating', {
        signal: callbacks.signal,
      }),
    );
  }

  private async streamed<T>(
    callbacks: GenerateCallbacks,
    run: (requestId: string) => Promise<T>,
  ): Promise<T> {
    if (!this.current.model) {
      throw new TalariaError('NO_MODEL_LOADED', 'No model is loaded. Load a GGUF model first.');
    }
    const requestId = randomUUID();
    this.textListeners.set(requestId, callbacks.onText);
    try {
      return await run(requestId);
    } finally {
      this.textListeners.delete(requestId);
    }
  }

  /** Tokens of a prompt text in the loaded model's tokenizer; null when no model is loaded. */
  async countTokens(text: string): Promise<{ count: number; specialTokens: string[] } | null> {
    if (!this.current.model || !this.running) return null;
    return this.call('countTokens', { text }, 'counting tokens');
  }

  /** The roleplay prompt, fitted with the loaded model's tokenizer. NO_MODEL_LOADED without one. */
  async assemblePrompt(params: EngineAssembleParams): Promise<AssembledPrompt> {
    if (!this.current.model || !this.running) {
      throw new TalariaError('NO_MODEL_LOADED', 'No model is loaded. Load a GGUF model first.');
    }
    return this.call('assemblePrompt', params, 'building the prompt');
  }

  /** The GPU, VRAM and RAM as llama.cpp sees them; starts the engine process if needed. */
  async hardware(): Promise<HardwareInfo> {
    return this.call('hardware', {}, 'detecting the GPU');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const running = this.running;
    this.running = null;
    if (!running) return;
    running.client.close();
    running.handle.kill();
  }

  private async safeStatus(): Promise<EngineStatus> {
    try {
      return await this.call('status', {}, 'reading the engine status');
    } catch {
      return this.current;
    }
  }

  private async call<K extends keyof EngineMethods & string>(
    method: K,
    params: EngineMethods[K]['params'],
    activity: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<EngineMethods[K]['result']> {
    const { client } = this.ensureRunning();
    this.activity = activity;
    try {
      return await client.request(method, params, options);
    } catch (error) {
      if (error instanceof TalariaError && error.code === 'TRANSPORT_CLOSED') {
        throw new TalariaError('ENGINE_CRASHED', this.crashMessage(activity), {
          exit: this.lastExit,
        });
      }
      throw error;
    }
  }

  private lastExit: { code: number | null; signal: string | null } | null = null;
  /** What the loaded model was loaded with, to load it again after a crash. */
  private loadedWith: LoadModelOptions | null = null;
  private readonly crashTimes: number[] = [];

  /**
   * A crash with a model loaded starts a fresh engine with the same model and settings, unless
   * the engine crashed three times within a minute: then the model itself is the likely cause.
   */
  private reloadAfterCrash(options: LoadModelOptions, name: string): void {
    const now = Date.now();
    while (this.crashTimes.length > 0 && now - this.crashTimes[0]! > CRASH_WINDOW_MS) {
      this.crashTimes.shift();
    }
    this.crashTimes.push(now);
    if (this.crashTimes.length >= MAX_CRASHES) {
      this.loadedWith = null;
      this.setStatus({
        ...STOPPED,
        lastError: {
          code: 'ENGINE_CRASHED',
          message:
            `The engine stopped unexpectedly ${MAX_CRASHES} times within a minute, so Talaria ` +
            `stopped reloading ${name}. Load it again from Models when you want to retry.`,
        },
      });
      return;
    }
    const notice: NonNullable<EngineStatus['lastError']> = {
      code: 'ENGINE_CRASHED',
      message: `The engine stopped unexpectedly; reloading ${name}…`,
    };
    this.loadWith(options, notice).catch(() => {
      // load() already put its error in the status the UI shows.
    });
  }

  private crashMessage(activity: string): string {
    const how = this.lastExit?.signal
      ? `was killed by ${this.lastExit.signal}`
      : `exited with code ${this.lastExit?.code ?? 'unknown'}`;
    return (
      `The engine process ${how} while ${activity}. ` +
      'If this happened while loading, the model file is probably malformed or unsupported. ' +
      'Talaria is still running; the engine restarts on the next request.'
    );
  }

  private ensureRunning(): Running {
    if (this.disposed) throw new TalariaError('ENGINE_CRASHED', 'The engine has been shut down.');
    if (this.running) return this.running;
    const handle = this.options.spawn();
    const client = new RpcClient<EngineMethods, EngineEvents>(handle.transport);
    client.on('text', ({ requestId, text, tokens }) => {
      this.textListeners.get(requestId)?.(text, tokens);
    });
    const running: Running = { client, handle };
    handle.onExit((exit) => {
      if (this.running !== running) return;
      this.lastExit = exit;
      this.running = null;
      client.close();
      if (this.disposed) return;
      const model = this.current.model;
      const reload = model && this.loadedWith?.path === model.path ? this.loadedWith : null;
      this.setStatus({
        ...STOPPED,
        lastError: { code: 'ENGINE_CRASHED', message: this.crashMessage(this.activity ?? 'idle') },
      });
      if (reload && model) this.reloadAfterCrash(reload, model.name);
    });
    this.running = running;
    return running;
  }

  private setStatus(status: EngineStatus): void {
    this.current = status;
    this.options.onStatus?.(status);
  }
}
