import type { StopReason } from '../../../shared/contract/types';
import type { EngineSamplingParams as SamplingParams } from '../engine/Engine';
import { rawCompletionRequest, type OutputConstraint } from './completionRequest';
import type { ConstraintDialect } from './probeEngine';
import type { RemoteHttp } from './RemoteHttp';
import { streamCompletion } from './streamCompletion';

/** How one step ended: 'trigger' means the stop tag (e.g. `<tool_call>`) was written. */
export type RemoteStepStop = 'eos' | 'maxTokens' | 'abort' | 'trigger';

export interface RemoteStepsContext {
  http: RemoteHttp;
  dialect: ConstraintDialect;
  model: string;
  /** The rendered prompt the reply continues (ends with the assistant header). */
  prompt: string;
  sampling: SamplingParams;
  signal?: AbortSignal;
  onText: (text: string, completionTokens: number) => void;
}

export interface RemoteStepOptions {
  constraint?: OutputConstraint;
  /** A tag that ends the step when the model writes it (it is left out of the text). */
  trigger?: string;
}

/**
 * One assistant reply on a raw-prompt server, written in steps like the local engine's: free
 * text, constrained parts, and text Talaria inserts itself (tool-call tags, a forced call's
 * opening). Each step is one streamed completion of prompt + reply so far, so the server's
 * prompt cache carries the KV state over. A trigger tag is caught client-side in the stream and
 * the request is aborted there, because OpenAI-style completions do not say which stop matched.
 */
export class RemoteSteps {
  private written = '';
  private tokens = 0;
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;
  private readonly started = performance.now();
  private promptTokens: number | null = null;

  constructor(private readonly ctx: RemoteStepsContext) {}

  get text(): string {
    return this.written;
  }

  get completionTokens(): number {
    return this.tokens;
  }

  inject(text: string): void {
    if (text === '') return;
    this.written += text;
    this.ctx.onText(text, this.tokens);
  }

  async step(options: RemoteStepOptions = {}): Promise<{ text: string; stop: RemoteStepStop }> {
    const budget = this.ctx.sampling.maxTokens - this.tokens;
    if (budget <= 0) return { text: '', stop: 'maxTokens' };
    const local = new AbortController();
    const onAbort = () => local.abort();
    this.ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const trigger = options.trigger;
    let stepText = '';
    let emitted = 0;
    let triggered = false;
    const tokensBefore = this.tokens;
    const emit = (upTo: number) => {
      if (upTo <= emitted) return;
      const piece = stepText.slice(emitted, upTo);
      emitted = upTo;
      this.written += piece;
      this.ctx.onText(piece, this.tokens);
    };
    try {
      const outcome = await streamCompletion(
        this.ctx.http,
        rawCompletionRequest(this.ctx.dialect, {
          model: this.ctx.model,
          prompt: this.ctx.prompt + this.written,
          sampling: { ...this.ctx.sampling, maxTokens: budget },
          constraint: options.constraint,
        }),
        {
          signal: local.signal,
          onText: (text) => {
            if (triggered) return;
            const now = performance.now();
            this.firstTokenAt ??= now;
            this.lastTokenAt = now;
            this.tokens++;
            stepText += text;
            if (!trigger) return emit(stepText.length);
            const at = stepText.indexOf(trigger);
            if (at >= 0) {
              triggered = true;
              emit(at);
              local.abort();
              return;
            }
            // Hold back what could be the start of the tag until the next chunk says.
            emit(Math.max(emitted, stepText.length - (trigger.length - 1)));
          },
        },
      );
      if (outcome.usage) {
        // The server's count beats one-token-per-chunk where it reports one.
        this.promptTokens ??= outcome.usage.promptTokens;
        this.tokens = tokensBefore + outcome.usage.completionTokens;
      }
      if (triggered) {
        stepText = stepText.slice(0, emitted);
        return { text: stepText, stop: 'trigger' };
      }
      emit(stepText.length);
      if (outcome.stopReason === 'abort') return { text: stepText, stop: 'abort' };
      return { text: stepText, stop: outcome.stopReason === 'maxTokens' ? 'maxTokens' : 'eos' };
    } finally {
      this.ctx.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Client-side figures of the whole reply. */
  stats(stopReason: StopReason) {
    const first = this.firstTokenAt;
    const span = first !== null && this.lastTokenAt !== null ? this.lastTokenAt - first : 0;
    return {
      ttftMs: first === null ? null : first - this.started,
      tokensPerSecond: span > 0 && this.tokens > 1 ? ((this.tokens - 1) * 1000) / span : null,
      promptTokens: this.promptTokens ?? 0,
      evaluatedPromptTokens: this.promptTokens ?? 0,
      completionTokens: this.tokens,
      durationMs: performance.now() - this.started,
      stopReason,
    };
  }
}
