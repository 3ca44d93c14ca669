import type { ServerResponse } from 'node:http';

/**
 * Server-sent events as OpenAI writes them: `data: {json}\n\n` per chunk, `data: [DONE]` last.
 * The headers go out with the first event, so an error found before any output is still an
 * ordinary HTTP error response.
 */
export class SseWriter {
  private opened = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly headers: Record<string, string>,
  ) {}

  get started(): boolean {
    return this.opened;
  }

  send(data: unknown): void {
    this.open();
    if (!this.response.writableEnded) this.response.write(`data: ${JSON.stringify(data)}\n\n`);
  }

  /** An error after the stream began: the SDKs raise it from the `error` member. */
  fail(error: unknown): void {
    this.send(error);
    this.done();
  }

  done(): void {
    this.open();
    if (!this.response.writableEnded) this.response.end('data: [DONE]\n\n');
  }

  private open(): void {
    if (this.opened) return;
    this.opened = true;
    this.response.writeHead(200, {
      ...this.headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // Tokens are small writes; send each at once instead of waiting for Nagle's algorithm.
    this.response.socket?.setNoDelay(true);
  }
}
