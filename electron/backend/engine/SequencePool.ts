import type { LlamaContextSequence, Token } from 'node-llama-cpp';

/** Who a generation is for: the app's own chat, or a client of the OpenAI-compatible API. */
export type GenerationLane = 'app' | 'api';

/**
 * The context sequences of a loaded model. Sequence 0 is the app's: the desktop chat always
 * has it, so API clients never starve it (and its KV cache keeps the chat's prefix). Sequences
 * 1…N are the API's, evaluated in the same batches; a request takes the free one whose cached
 * tokens share the longest prefix with its prompt, so each client's previous turn is reused.
 * A model loaded without API sequences shares sequence 0 between both lanes.
 */
export class SequencePool {
  private readonly busy = new Set<LlamaContextSequence>();
  private readonly lastUsed = new Map<LlamaContextSequence, number>();
  private clock = 0;

  constructor(
    private readonly app: LlamaContextSequence,
    private readonly api: readonly LlamaContextSequence[],
  ) {}

  /** Sequences the API can use at once. */
  get apiSlots(): number {
    return Math.max(1, this.api.length);
  }

  /** Whether a prompt is worth tokenizing to pick a sequence (several API sequences). */
  get choosesByPrefix(): boolean {
    return this.api.length > 1;
  }

  /** A free sequence for the lane, or null when all of its sequences are generating. */
  take(lane: GenerationLane, prompt: readonly Token[] | null): LlamaContextSequence | null {
    const candidates = lane === 'app' || this.api.length === 0 ? [this.app] : this.api;
    let best: LlamaContextSequence | null = null;
    let bestShared = -1;
    for (const sequence of candidates) {
      if (this.busy.has(sequence)) continue;
      const shared = prompt ? sharedPrefix(sequence.contextTokens, prompt) : 0;
      // Equal prefixes: the least recently used, so idle clients' caches survive longest.
      const older =
        (this.lastUsed.get(sequence) ?? 0) < (best ? (this.lastUsed.get(best) ?? 0) : 0);
      if (shared > bestShared || (shared === bestShared && older)) {
        best = sequence;
        bestShared = shared;
      }
    }
    if (best) {
      this.busy.add(best);
      this.lastUsed.set(best, ++this.clock);
    }
    return best;
  }

  release(sequence: LlamaContextSequence): void {
    this.busy.delete(sequence);
  }
}

function sharedPrefix(a: readonly Token[], b: readonly Token[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
