import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import {
  getLlama,
  LlamaChat,
  resolveChatWrapper,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaModel,
} from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type {
  ChatTurn,
  EngineState,
  EngineStatus,
  GenerationStats,
  LoadedModelInfo,
  LoadModelOptions,
  SamplingParams,
  StopReason,
} from '../../../shared/contract/types';
import { runChatGeneration, type ChatSession } from './chatGeneration';
import { GenerationMeter } from './GenerationMeter';
import { LlamaLogTail } from './LlamaLogTail';
import { preflightModelFile } from './modelPreflight';
import { backendOf, errorMessage, parameterCountOf, toLoadError } from './runtimeUtils';
import { toSamplingOptions } from './samplingOptions';

export interface EngineRuntimeOptions {
  gpu?: 'auto' | false;
  /** CPU threads per evaluation; default os.availableParallelism(), not node-llama-cpp's 4. */
  threads?: number;
  /** Picks the chat wrapper for a loaded model; default node-llama-cpp's resolveChatWrapper. */
  chatWrapperFor?: (model: LlamaModel) => ChatWrapper;
  /**
   * Check a GGUF's header before llama.cpp loads it (default true). Only the crash-survival test
   * turns it off, to let a malformed file reach llama.cpp's own abort.
   */
  preflight?: boolean;
}

export interface GenerateRequest {
  messages: ChatTurn[];
  sampling: SamplingParams;
}

export interface GenerateHandlers {
  /** Each decoded text chunk, with the number of tokens generated so far. */
  onText: (text: string, completionTokens: number) => void;
  /** Aborting ends the generation with the partial text and stopReason 'abort'. */
  signal?: AbortSignal;
}

export interface GenerateResult {
  text: string;
  stats: GenerationStats;
}

/**
 * node-llama-cpp 3.22 leaks a disposal guard when a model load fails, after which
 * Llama.dispose() can wait forever; the process is exiting anyway, so stop waiting.
 */
const LLAMA_DISPOSE_TIMEOUT_MS = 3000;

/** Context size when the caller does not choose: enough for chat, small enough for RAM. */
const DEFAULT_MAX_CONTEXT = 8192;

interface LoadedModel extends ChatSession {
  context: LlamaContext;
  info: LoadedModelInfo;
}

interface ActiveGeneration {
  controller: AbortController;
  /** Set when the runtime itself stops the generation (unload, dispose). */
  interruptedBy: StopReason | null;
  done: Promise<unknown>;
}

/**
 * node-llama-cpp in-process: one Llama instance, at most one model with one context sequence, and
 * one generation at a time. The same LlamaChat is kept across turns so the KV cache of a shared
 * prompt prefix is reused.
 */
export class EngineRuntime {
  private readonly gpu: 'auto' | false;
  private readonly threads: number;
  private readonly chatWrapperFor: (model: LlamaModel) => ChatWrapper;
  private readonly preflight: boolean;
  private llamaPromise: Promise<Llama> | null = null;
  private llama: Llama | null = null;
  private gpuNames: string[] = [];
  private vram = { used: 0, total: 0 };
  private loaded: LoadedModel | null = null;
  private state: EngineState = 'stopped';
  private lastError: { code: string; message: string } | null = null;
  private loading = false;
  private active: ActiveGeneration | null = null;
  private readonly logTail = new LlamaLogTail();

  constructor(options: EngineRuntimeOptions = {}) {
    this.gpu = options.gpu ?? 'auto';
    this.threads = options.threads ?? availableParallelism();
    this.chatWrapperFor = options.chatWrapperFor ?? ((model) => resolveChatWrapper(model));
    this.preflight = options.preflight ?? true;
  }

  /** Loads the llama.cpp binding once per process (each getLlama call re-tests the binary). */
  async init(): Promise<void> {
    this.llamaPromise ??= this.createLlama();
    try {
      await this.llamaPromise;
    } catch (error) {
      this.llamaPromise = null;
      throw error;
    }
  }

  private async createLlama(): Promise<Llama> {
    try {
      // maxThreads 0: the context's `threads` is then used as given instead of as a hint.
      const llama = await getLlama({
        gpu: this.gpu,
        build: 'never',
        maxThreads: 0,
        logger: this.logTail.logger,
      });
      this.gpuNames = llama.gpu === false ? [] : await llama.getGpuDeviceNames();
      this.llama = llama;
      this.state = 'idle';
      await this.refreshVram();
      return llama;
    } catch (error) {
      throw new TalariaError(
        'INTERNAL',
        `The inference engine failed to start: ${errorMessage(error)}`,
      );
    }
  }

  async loadModel(options: LoadModelOptions): Promise<LoadedModelInfo> {
    if (this.loading) throw new TalariaError('BUSY', 'Another model is already loading.');
    this.loading = true;
    try {
      await this.init();
      const llama = this.llama as Llama;
      // Checked before unloading, so a bad file does not cost the user the model they have.
      const checked = this.preflight ? await preflightModelFile(options.path) : null;
      await this.releaseModel();
      this.state = 'loading';
      this.logTail.clear();
      const model = await llama.loadModel({
        modelPath: options.path,
        gpuLayers: options.gpuLayers ?? 'auto',
      });
      try {
        const sizeBytes = checked?.sizeBytes ?? (await stat(options.path)).size;
        const fileInfo = checked?.fileInfo ?? model.fileInfo;
        this.loaded = await this.prepareModel(model, options, sizeBytes, fileInfo);
      } catch (error) {
        await model.dispose();
        throw error;
      }
      this.state = 'ready';
      this.lastError = null;
      await this.refreshVram();
      return this.loaded.info;
    } catch (error) {
      const llamaReason =
        error instanceof TalariaError ? null : await this.logTail.waitForLoadFailureReason();
      const failure = toLoadError(error, options.path, llamaReason);
      this.state = this.loaded ? 'ready' : this.llama ? 'error' : 'stopped';
      this.lastError = { code: failure.code, message: failure.message };
      throw failure;
    } finally {
      this.loading = false;
    }
  }

  private async prepareModel(
    model: LlamaModel,
    options: LoadModelOptions,
    sizeBytes: number,
    fileInfo: LlamaModel['fileInfo'],
  ): Promise<LoadedModel> {
    const context = await model.createContext({
      contextSize:
        options.contextSize === 'auto'
          ? 'auto'
          : (options.contextSize ?? { max: DEFAULT_MAX_CONTEXT }),
      threads: options.threads ?? this.threads,
      ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
      ...(options.flashAttention !== undefined && { flashAttention: options.flashAttention }),
    });
    const sequence = context.getSequence();
    const chatWrapper = this.chatWrapperFor(model);
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper });
    const tokenizerMeta = fileInfo.metadata.tokenizer as Record<string, unknown> | undefined;
    const info: LoadedModelInfo = {
      path: options.path,
      name: basename(options.path),
      sizeBytes,
      architecture: fileInfo.metadata.general?.architecture ?? null,
      contextSize: context.contextSize,
      trainContextSize: model.trainContextSize || null,
      parameterCount: parameterCountOf(model),
      chatWrapper: chatWrapper.wrapperName,
      hasToolUseTemplate: typeof tokenizerMeta?.['chat_template.tool_use'] === 'string',
    };
    return { model, context, sequence, chat, chatWrapper, info };
  }

  async unloadModel(): Promise<void> {
    await this.releaseModel();
    if (this.llama && this.state !== 'error') this.state = 'idle';
  }

  private async releaseModel(): Promise<void> {
    await this.interruptGeneration('shutdown');
    const loaded = this.loaded;
    if (!loaded) return;
    this.loaded = null;
    loaded.chat.dispose();
    await loaded.context.dispose();
    await loaded.model.dispose();
    await this.refreshVram();
  }

  private async interruptGeneration(reason: StopReason): Promise<void> {
    const active = this.active;
    if (!active) return;
    active.interruptedBy = reason;
    active.controller.abort();
    await active.done.catch(() => undefined);
  }

  getStatus(): EngineStatus {
    const loaded = this.loaded;
    return {
      state: this.state,
      backend: this.llama ? backendOf(this.llama.gpu) : null,
      gpuNames: [...this.gpuNames],
      threads: loaded ? loaded.context.idealThreads : this.threads,
      model: loaded ? { ...loaded.info } : null,
      gpuLayers: loaded ? loaded.model.gpuLayers : 0,
      memory: this.llama
        ? {
            ramBytes: process.memoryUsage().rss,
            vramUsedBytes: this.vram.used,
            vramTotalBytes: this.vram.total,
          }
        : null,
      lastError: this.lastError,
    };
  }

  async generate(request: GenerateRequest, handlers: GenerateHandlers): Promise<GenerateResult> {
    const loaded = this.loaded;
    if (!loaded) throw new TalariaError('NO_MODEL_LOADED', 'Load a model before generating.');
    if (this.active) throw new TalariaError('BUSY', 'A generation is already running.');
    const sampling = toSamplingOptions(request.sampling);
    const meter = new GenerationMeter();
    const controller = new AbortController();
    const forwardAbort = () => controller.abort();
    if (handlers.signal?.aborted) controller.abort();
    else handlers.signal?.addEventListener('abort', forwardAbort, { once: true });
    const active: ActiveGeneration = { controller, interruptedBy: null, done: Promise.resolve() };
    const run = runChatGeneration(loaded, {
      messages: request.messages,
      sampling,
      meter,
      signal: controller.signal,
      onText: handlers.onText,
    });
    active.done = run;
    this.active = active;
    try {
      const outcome = await run;
      const stopReason =
        controller.signal.aborted && outcome.stopReason === 'abort'
          ? (active.interruptedBy ?? 'abort')
          : outcome.stopReason;
      return { text: outcome.text, stats: meter.finish(stopReason, outcome.prompt) };
    } finally {
      handlers.signal?.removeEventListener('abort', forwardAbort);
      this.active = null;
      void this.refreshVram();
    }
  }

  /** Stops any generation, unloads the model and releases the llama.cpp binding. */
  async dispose(): Promise<void> {
    await this.releaseModel();
    const llama = this.llama;
    this.llama = null;
    this.llamaPromise = null;
    this.state = 'stopped';
    if (llama) await disposeWithin(llama, LLAMA_DISPOSE_TIMEOUT_MS);
  }

  private async refreshVram(): Promise<void> {
    const llama = this.llama;
    if (!llama || llama.gpu === false) return;
    try {
      const state = await llama.getVramState();
      this.vram = { used: state.used, total: state.total };
    } catch {
      // VRAM figures are informational; a failed query keeps the last known values.
    }
  }
}

async function disposeWithin(llama: Llama, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([llama.dispose(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
