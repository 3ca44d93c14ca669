export interface StreamBatcherOptions {
  /** Receives each flushed chunk with its 1-based sequence number. */
  flush: (text: string, seq: number, tokens: number) => void;
  intervalMs?: number;
  maxChars?: number;
}

/**
 * Coalesces token text into deltas: the first chunk goes out at once (time to first token),
 * later ones every `intervalMs` or when `maxChars` pile up. Callers flush before done/error/abort.
 */
export class StreamBatcher {
  private buffer = '';
  private tokens = 0;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly intervalMs: number;
  private readonly maxChars: number;

  constructor(private readonly options: StreamBatcherOptions) {
    this.intervalMs = options.intervalMs ?? 30;
    this.maxChars = options.maxChars ?? 256;
  }

  /** The seq of the last delta sent. */
  get lastSeq(): number {
    return this.seq;
  }

  push(text: string, tokens: number): void {
    if (!text) return;
    this.buffer += text;
    this.tokens = tokens;
    if (this.seq === 0 || this.buffer.length >= this.maxChars) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    this.seq += 1;
    this.options.flush(text, this.seq, this.tokens);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
