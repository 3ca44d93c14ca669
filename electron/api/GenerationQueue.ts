import { ApiError } from './apiErrors';

interface Waiter {
  grant: () => void;
  fail: (error: unknown) => void;
}

/**
 * Admission of API generations: `slots` run at once, up to `maxWaiting` more wait in arrival
 * order, and a request past that is refused at once with a 429 (OpenAI's rate-limit shape, which
 * the SDKs retry with back-off). A waiting request whose client goes away leaves the queue.
 */
export class GenerationQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly slots: number,
    private readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free. */
  async acquire(signal: AbortSignal): Promise<() => void> {
    if (this.running < this.slots && this.waiting.length === 0) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxWaiting) {
      throw new ApiError(
        429,
        `Talaria is busy: ${this.running} request(s) are generating and ${this.waiting.length} are waiting. Retry shortly.`,
        'rate_limit_error',
        'queue_full',
      );
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, fail: reject };
      this.waiting.push(waiter);
      signal.addEventListener(
        'abort',
        () => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(new ApiError(499, 'The client closed the request.', 'invalid_request_error'));
        },
        { once: true },
      );
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays the same.
      if (next) next.grant();
      else this.running--;
    };
  }
}
