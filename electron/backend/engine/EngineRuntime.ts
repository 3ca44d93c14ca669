import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import {
  getLlama,
  type ChatWrapper,
  type Llama,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import { renderHermesPrompt } from '../../../shared/hermes';
import { TalariaError } from '../../../shared/contract/errors';
import type { HardwareInfo } from '../../../shared/contract/library';
import type {
  EngineState,
  EngineStatus,
  LoadedModelInfo,
  LoadModelOptions,
  StopReason,
} from '../../../shared/contract/types';
import { assemblePrompt, seededRandom, type AssembledPrompt } from '../../../shared/personas';
import { readLlamaHardware } from '../models/hardware';
import type { EngineAssembleParams } from './engineProtocol';
import { GenerationMeter } from './GenerationMeter';
import { generateReply } from './generateReply';
import { defaultChatWrapper } from './hermes/defaultChatWrapper';
import { LlamaLogTail } from './LlamaLogTail';
import { preflightModelFile } from './modelPreflight';
import { prepareModel, type LoadedModel } from './prepareModel';
import type { ChatGenerationInput, ChatGenerationOutcome } from './chatGeneration';
import { runRawCompletion } from './rawCompletion';
import type {
  CompleteRequest,
  EngineRuntimeOptions,
  GenerateHandlers,
  GenerateRequest,
  GenerateResult,
} from './runtimeTypes';
import { backendOf, errorMessage, toLoadError } from './runtimeUtils';
import { toSamplingOptions } from './samplingOptions';

export type {
  CompleteRequest,
  EngineRuntimeOptions,
  GenerateHandlers,
  GenerateRequest,
  GenerateResult,
} from './runtimeTypes';

/**
 * node-llama-cpp 3.22 leaks a disposal guard when a model load fails, after which
 * Llama.dispose() can wait forever; the process is exiting anyway, so stop waiting.
 */
const LLAMA_DISPOSE_TIMEOUT_MS = 3000;

interface ActiveGeneration {
  controller: AbortController;
  /** Set when the runtime itself stops the generation (unload, dispose). */
  interruptedBy: StopReason | null;
  done: Promise<unknown>;
}

/**
 * node-llama-cpp in-process: one Llama instance and at most one model, whose context holds the
 * app's sequence and the API's (see SequencePool): one generation per sequence, all evaluated in
 * shared batches. A sequence keeps its KV cache across turns, so a shared prompt prefix is reused.
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
  /** The options the loaded model came with, to load it again after a failed switch. */
  private loadedOptions: LoadModelOptions | null = null;
  private state: EngineState = 'stopped';
  private lastError: EngineStatus['lastError'] = null;
  private loading = false;
  private readonly active = new Set<ActiveGeneration>();
  private readonly logTail = new LlamaLogTail();

  constructor(options: EngineRuntimeOptions = {}) {
    this.gpu = options.gpu ?? 'auto';
    this.threads = options.threads ?? availableParallelism();
    this.chatWrapperFor = options.chatWrapperFor ?? defaultChatWrapper;
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
    const previous = this.loaded ? this.loadedOptions : null;
    try {
      await this.init();
      // Checked before unloading, so a bad file does not cost the user the model they have.
      const checked = this.preflight ? await preflightModelFile(options.path) : null;
      await this.releaseModel();
      return await this.loadChecked(options, checked);
    } catch (error) {
      const llamaReason =
        error instanceof TalariaError ? null : await this.logTail.waitForLoadFailureReason();
      let failure = toLoadError(error, options.path, llamaReason);
      // llama.cpp refused a file that passed the checks: the model the user had comes back.
      if (previous && !this.loaded && this.llama) {
        failure = await this.restorePrevious(previous, failure);
      }
      this.state = this.loaded ? 'ready' : this.llama ? 'error' : 'stopped';
      this.lastError = { code: failure.code, message: failure.message };
      throw failure;
    } finally {
      this.loading = false;
    }
  }

  private async loadChecked(
    options: LoadModelOptions,
    checked: Awaited<ReturnType<typeof preflightModelFile>> | null,
  ): Promise<LoadedModelInfo> {
    const llama = this.llama as Llama;
    this.state = 'loading';
    this.logTail.clear();
    const model = await llama.loadModel({
      modelPath: options.path,
      gpuLayers: options.gpuLayers ?? 'auto',
    });
    try {
      const sizeBytes = checked?.sizeBytes ?? (await stat(options.path)).size;
      const fileInfo = checked?.fileInfo ?? model.fileInfo;
      this.loaded = await prepareModel(model, options, {
        sizeBytes,
        fileInfo,
        threads: this.threads,
        chatWrapperFor: this.chatWrapperFor,
      });
    } catch (error) {
      await model.dispose();
      throw error;
    }
    this.loadedOptions = options;
    this.state = 'ready';
    this.lastError = null;
    await this.refreshVram();
    return this.loaded.info;
  }

  private async restorePrevious(
    previous: LoadModelOptions,
    failure: TalariaError,
  ): Promise<TalariaError> {
    const name = basename(previous.path);
    try {
      await this.loadChecked(previous, null);
      return new TalariaError('LOAD_FAILED', `${failure.message} ${name} is loaded again.`, {
        ...(failure.details as object),
        restored: previous.path,
      });
    } catch {
      return new TalariaError(
        'LOAD_FAILED',
        `${failure.message} ${name}, loaded before, could not be loaded again either.`,
        failure.details,
      );
    }
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
    const running = [...this.active];
    for (const active of running) {
      active.interruptedBy = reason;
      active.controller.abort();
    }
    await Promise.all(running.map((active) => active.done.catch(() => undefined)));
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
    const prompt = (loaded: LoadedModel) =>
      loaded.model.tokenize(
        renderHermesPrompt(request.messages, { tools: request.tools?.definitions ?? [] }),
        true,
      );
    return this.runGeneration(request, handlers, prompt, (loaded, common) =>
      generateReply(this.llama as Llama, loaded, request, common),
    );
  }

  /** A raw prompt continued with no chat template (the API's `/v1/completions`). */
  async complete(request: CompleteRequest, handlers: GenerateHandlers): Promise<GenerateResult> {
    const prompt = (loaded: LoadedModel) => loaded.model.tokenize(request.prompt, true);
    return this.runGeneration(request, handlers, prompt, (loaded, common) =>
      runRawCompletion(loaded, { ...common, prompt: request.prompt }),
    );
  }

  /** One generation at a time on the loaded model; unload and dispose interrupt it. */
  private async runGeneration(
    request: Pick<GenerateRequest, 'sampling' | 'lane'>,
    handlers: GenerateHandlers,
    promptTokens: (loaded: LoadedModel) => Token[],
    run: (
      loaded: LoadedModel,
      common: Omit<ChatGenerationInput, 'messages'>,
    ) => Promise<ChatGenerationOutcome>,
  ): Promise<GenerateResult> {
    const model = this.loaded;
    if (!model) throw new TalariaError('NO_MODEL_LOADED', 'Load a model before generating.');
    const lane = request.lane ?? 'app';
    const prompt = lane === 'api' && model.pool.choosesByPrefix ? promptTokens(model) : null;
    const sequence = model.pool.take(lane, prompt);
    if (!sequence) throw new TalariaError('BUSY', 'A generation is already running.');
    try {
      return await this.runOn({ ...model, sequence }, request, handlers, run);
    } finally {
      model.pool.release(sequence);
    }
  }

  private async runOn(
    loaded: LoadedModel,
    request: Pick<GenerateRequest, 'sampling'>,
    handlers: GenerateHandlers,
    run: (
      loaded: LoadedModel,
      common: Omit<ChatGenerationInput, 'messages'>,
    ) => Promise<ChatGenerationOutcome>,
  ): Promise<GenerateResult> {
    const sampling = toSamplingOptions(request.sampling, loaded.model);
    const meter = new GenerationMeter();
    const controller = new AbortController();
    const forwardAbort = () => controller.abort();
    if (handlers.signal?.aborted) controller.abort();
    else handlers.signal?.addEventListener('abort', forwardAbort, { once: true });
    const active: ActiveGeneration = { controller, interruptedBy: null, done: Promise.resolve() };
    const running = run(loaded, {
      sampling,
      meter,
      signal: controller.signal,
      onText: handlers.onText,
    });
    active.done = running;
    this.active.add(active);
    try {
      const outcome = await running;
      const stopReason =
        controller.signal.aborted && outcome.stopReason === 'abort'
          ? (active.interruptedBy ?? 'abort')
          : outcome.stopReason;
      return { text: outcome.text, stats: meter.finish(stopReason, outcome.prompt) };
    } finally {
      handlers.signal?.removeEventListener('abort', forwardAbort);
      this.active.delete(active);
      void this.refreshVram();
    }
  }

  /** The GPU llama.cpp uses, its free VRAM and the machine's RAM (for fit estimates). */
  async hardware(): Promise<HardwareInfo> {
    await this.init();
    return readLlamaHardware(this.llama as Llama);
  }

  /** Tokens of a prompt text, special-token tags parsed, in the loaded model's tokenizer. */
  countTokens(text: string): { count: number; specialTokens: string[] } {
    const loaded = this.loaded;
    if (!loaded) throw new TalariaError('NO_MODEL_LOADED', 'Load a model to count tokens.');
    return { count: loaded.model.tokenize(text, true).length, specialTokens: loaded.specialTokens };
  }

  /** A roleplay prompt fitted to the context with the loaded model's own tokenizer. */
  assemblePrompt(params: EngineAssembleParams): AssembledPrompt {
    const loaded = this.loaded;
    if (!loaded) throw new TalariaError('NO_MODEL_LOADED', 'Load a model to build the prompt.');
    const { now, randomSeed, ...input } = params;
    return assemblePrompt({
      ...input,
      now: new Date(now),
      random: seededRandom(randomSeed),
      countTokens: (text) => loaded.model.tokenize(text, true).length,
    });
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
