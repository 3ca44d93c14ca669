import type { GenerationStats, StopReason } from '../../../shared/contract/types';

/** Times one generation: the clock starts when the request reaches the engine. */
export class GenerationMeter {
  private readonly startedAt: number;
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;
  private tokens = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.startedAt = now();
  }

  get completionTokens(): number {
    return this.tokens;
  }

  onTokens(count: number): void {
    if (count <= 0) return;
    const at = this.now();
    this.firstTokenAt ??= at;
    this.lastTokenAt = at;
    this.tokens += count;
  }

  finish(
    stopReason: StopReason,
    prompt: { promptTokens: number; evaluatedPromptTokens: number },
  ): GenerationStats {
    const first = this.firstTokenAt;
    const last = this.lastTokenAt;
    // The first token's latency is TTFT; speed is measured over the tokens after it.
    const span = first !== null && last !== null ? last - first : 0;
    return {
      ttftMs: first === null ? null : round(first - this.startedAt),
      tokensPerSecond:
        this.tokens > 1 && span > 0 ? round(((this.tokens - 1) * 1000) / span) : null,
      promptTokens: prompt.promptTokens,
      evaluatedPromptTokens: prompt.evaluatedPromptTokens,
      completionTokens: this.tokens,
      durationMs: round(this.now() - this.startedAt),
      stopReason,
    };
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
