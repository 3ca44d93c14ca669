import {
  type LlamaChat,
  type ChatHistoryItem,
  type ChatModelResponse,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel,
  type LlamaText,
  type Token,
  type TokenBias,
} from 'node-llama-cpp';
import { TalariaError } from '../../../../shared/contract/errors';
import type { GenerationMeter } from '../GenerationMeter';
import { errorMessage } from '../runtimeUtils';
import type { SamplingOptions } from '../samplingOptions';
import type { HermesChatWrapper } from './HermesChatWrapper';

/** How one step ended: 'trigger' means a custom stop trigger (a tool-call tag) was written. */
export type StepStop = 'eos' | 'maxTokens' | 'abort' | 'trigger';

export interface StepOptions {
  grammar?: LlamaGrammar;
  stops?: readonly (LlamaText | string)[];
  tokenBias?: TokenBias;
}

export interface StepsContext {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  /** The loaded model's chat, whose wrapper is `wrapper` (kept across replies, never disposed here). */
  chat: LlamaChat;
  wrapper: HermesChatWrapper;
  /** The history to answer; its last item is the model response being written. */
  history: ChatHistoryItem[];
  sampling: SamplingOptions;
  meter: GenerationMeter;
  signal: AbortSignal;
  onText: (text: string, completionTokens: number) => void;
}

/**
 * One assistant reply written in steps: free text, grammar-constrained parts and text Talaria
 * inserts itself (tool-call tags, a forced call's opening). Each step is a LlamaChat response
 * that continues everything written so far, so the KV cache carries over between steps. The
 * text kept is the raw reply, tags included (node-llama-cpp drops special tokens from the text
 * it returns, which is why the tags are stop triggers and written back by Talaria).
 */
export class GenerationSteps {
  private written = '';
  private readonly chat: LlamaChat;
  private readonly base: ChatHistoryItem[];
  private readonly lastResponse: ChatModelResponse['response'];
  private prompt: { promptTokens: number; evaluatedPromptTokens: number } | null = null;

  constructor(private readonly ctx: StepsContext) {
    this.chat = ctx.chat;
    this.base = ctx.history.slice(0, -1);
    const last = ctx.history.at(-1);
    this.lastResponse = last?.type === 'model' ? last.response : [];
  }

  /** The reply so far, tags included. */
  get text(): string {
    return this.written;
  }

  /** Prompt figures of the first step (the prompt the reply answers). */
  get promptCounts(): { promptTokens: number; evaluatedPromptTokens: number } {
    return this.prompt ?? { promptTokens: this.promptTokens(), evaluatedPromptTokens: 0 };
  }

  /** Writes text into the reply as if the model had: it is streamed and evaluated next step. */
  inject(text: string): void {
    if (text === '') return;
    this.written += text;
    this.ctx.onText(text, this.ctx.meter.completionTokens);
  }

  async step(options: StepOptions = {}): Promise<{ text: string; stop: StepStop }> {
    const { meter, sampling, signal } = this.ctx;
    const remaining = (sampling.maxTokens ?? Infinity) - meter.completionTokens;
    if (remaining <= 0) return { text: '', stop: 'maxTokens' };
    if (signal.aborted) return { text: '', stop: 'abort' };
    const history: ChatHistoryItem[] = [
      ...this.base,
      { type: 'model', response: [...this.lastResponse, this.written] },
    ];
    const measure = this.prompt === null ? this.startPromptMeasure() : null;
    // A grammar's output ends in newlines that are trimmed; hold trailing whitespace back.
    const holdWhitespace = options.grammar !== undefined;
    let held = '';
    let text = '';
    const emit = (chunk: string): void => {
      if (chunk === '') return;
      text += chunk;
      this.written += chunk;
      this.ctx.onText(chunk, meter.completionTokens);
    };
    let stop: StepStop;
    try {
      const response = await this.chat.generateResponse(history, {
        ...sampling,
        maxTokens: Number.isFinite(remaining) ? remaining : undefined,
        signal,
        stopOnAbortSignal: true,
        trimWhitespaceSuffix: false,
        ...(options.grammar && { grammar: options.grammar }),
        // The tag triggers join the user's stop strings; which one fired decides the stop.
        ...(options.stops && {
          customStopTriggers: [...(sampling.customStopTriggers ?? []), ...options.stops],
        }),
        ...(options.tokenBias && { tokenBias: options.tokenBias }),
        onToken: (tokens) => meter.onTokens(tokens.length),
        onTextChunk: (chunk) => {
          if (!holdWhitespace) return emit(chunk);
          const joined = held + chunk;
          const body = joined.trimEnd();
          held = joined.slice(body.length);
          emit(body);
        },
      });
      const { metadata } = response;
      stop = toStepStop(metadata.stopReason);
      if (metadata.stopReason === 'customStopTrigger' && !this.isTag(metadata.customStopTrigger)) {
        stop = 'eos';
      }
    } catch (error) {
      // LlamaChat throws instead of returning when the abort lands before the first token.
      if (!signal.aborted) {
        throw new TalariaError('INTERNAL', `Generation failed: ${errorMessage(error)}`);
      }
      stop = 'abort';
    }
    if (measure) this.prompt = measure();
    return { text, stop };
  }

  /** A tool-call tag ended the step, not one of the user's stop strings. */
  private isTag(trigger: readonly (string | Token)[]): boolean {
    const text = trigger
      .map((part) => (typeof part === 'string' ? part : this.ctx.model.detokenize([part], true)))
      .join('');
    return text.includes('<tool_call>') || text.includes('</tool_call>');
  }

  private promptTokens(): number {
    return this.ctx.wrapper
      .generateContextState({ chatHistory: this.ctx.history })
      .contextText.tokenize(this.ctx.model.tokenizer).length;
  }

  private startPromptMeasure(): () => { promptTokens: number; evaluatedPromptTokens: number } {
    const { sequence } = this.ctx;
    const promptTokens = this.promptTokens();
    const before = sequence.tokenMeter.getState();
    return () => {
      // The meter splits decoded tokens into "input" and "output" (those that produced logits).
      const used = sequence.tokenMeter.diff(before);
      const decoded = used.usedInputTokens + used.usedOutputTokens;
      // Generated tokens fed back into the context are decoded too; take them out.
      const fedBack = Math.max(0, sequence.contextTokens.length - promptTokens);
      return { promptTokens, evaluatedPromptTokens: Math.max(0, decoded - fedBack) };
    };
  }
}

function toStepStop(reason: string): StepStop {
  if (reason === 'customStopTrigger') return 'trigger';
  if (reason === 'maxTokens') return 'maxTokens';
  if (reason === 'abort') return 'abort';
  return 'eos';
}
