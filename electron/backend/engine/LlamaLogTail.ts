import { LlamaLogLevel } from 'node-llama-cpp';

const KEEP_LINES = 50;

/**
 * A llama.cpp logger that still prints like node-llama-cpp's default one but remembers recent
 * lines, because a failed load only throws "Failed to load model" and says why in the log.
 */
export class LlamaLogTail {
  private lines: string[] = [];

  readonly logger = (level: LlamaLogLevel, message: string): void => {
    const line = message.trimEnd();
    this.lines.push(line);
    if (this.lines.length > KEEP_LINES) this.lines.shift();
    if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) {
      console.error(`[node-llama-cpp] ${line}`);
    } else if (level === LlamaLogLevel.warn) {
      console.warn(`[node-llama-cpp] ${line}`);
    }
  };

  /** Marks the start of an operation whose failure reason we may need. */
  clear(): void {
    this.lines = [];
  }

  /**
   * The reason llama.cpp logged for a failed model load. Native log lines reach JS through a
   * queued callback that can land after the load's rejection, so wait briefly for it.
   */
  async waitForLoadFailureReason(timeoutMs = 200): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reason = this.loadFailureReason();
      if (reason !== null || Date.now() >= deadline) return reason;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  loadFailureReason(): string | null {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const match = /error loading model:\s*(.+)$/.exec(this.lines[i] ?? '');
      if (match?.[1]) return match[1];
    }
    return null;
  }
}
