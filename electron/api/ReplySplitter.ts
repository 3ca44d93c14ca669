import { randomBytes } from 'node:crypto';
import { parseToolCalls } from '../../shared/hermes';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';

export interface SplitToolCall {
  index: number;
  id: string;
  name: string;
  /** The arguments object as JSON text (what OpenAI's `function.arguments` holds). */
  arguments: string;
}

export interface SplitterSink {
  onContent(text: string): void;
  onToolCall(call: SplitToolCall): void;
}

/** OpenAI-style call ids: `call_` and 24 random characters. */
export function newCallId(): string {
  return `call_${randomBytes(18).toString('base64url').slice(0, 24)}`;
}

/**
 * Splits a Hermes reply, chunk by chunk, into content and tool calls: text outside
 * `<tool_call>` … `</tool_call>` is content (leading and trailing whitespace dropped, as
 * `parseToolCalls` trims it), each closed call is parsed with `parseToolCalls` and handed on
 * whole. A body that cannot be read stays in the content, raw, with a warning, so nothing the
 * model wrote is lost. Streaming and non-streaming replies both go through it, so they agree.
 */
export class ReplySplitter {
  private buffer = '';
  private inside = false;
  private started = false;
  private heldSpace = '';
  private callCount = 0;
  readonly warnings: string[] = [];

  constructor(
    private readonly sink: SplitterSink,
    /** False: no tools were offered, the whole reply is content. */
    private readonly splitCalls: boolean,
  ) {}

  get calls(): number {
    return this.callCount;
  }

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      if (!this.inside) {
        const open = this.splitCalls ? this.buffer.indexOf(OPEN) : -1;
        if (open < 0) {
          const keep = this.splitCalls ? partialTagLength(this.buffer, OPEN) : 0;
          this.content(this.buffer.slice(0, this.buffer.length - keep));
          this.buffer = this.buffer.slice(this.buffer.length - keep);
          return;
        }
        this.content(this.buffer.slice(0, open));
        this.buffer = this.buffer.slice(open + OPEN.length);
        this.inside = true;
        continue;
      }
      const close = this.buffer.indexOf(CLOSE);
      // A model that forgets a closing tag starts the next call right away.
      const reopen = this.buffer.indexOf(OPEN);
      if (close < 0 && reopen < 0) return;
      const end = reopen >= 0 && (close < 0 || reopen < close) ? reopen : close;
      const body = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end === close ? close + CLOSE.length : reopen);
      this.inside = false;
      this.call(body, true);
    }
  }

  /** Generation ended: an open call is parsed as it stands, held text is let go. */
  end(): void {
    if (this.inside) {
      this.inside = false;
      this.call(this.buffer, false);
    } else this.content(this.buffer);
    this.buffer = '';
  }

  private call(body: string, closed: boolean): void {
    const parsed = parseToolCalls(`${OPEN}${body}${closed ? CLOSE : ''}`);
    for (const error of parsed.errors) {
      this.warnings.push(
        `A tool call could not be read and was left in the content: ${error.message}`,
      );
      this.content(`${OPEN}${body}${closed ? CLOSE : ''}`);
    }
    for (const call of parsed.calls) {
      this.sink.onToolCall({
        index: this.callCount++,
        id: newCallId(),
        name: call.name,
        arguments: JSON.stringify(call.arguments),
      });
    }
  }

  private content(text: string): void {
    if (text === '') return;
    let body = text;
    if (!this.started) {
      body = body.trimStart();
      if (body === '') return;
      this.started = true;
    }
    const trimmed = body.trimEnd();
    if (trimmed === '') {
      this.heldSpace += body;
      return;
    }
    this.sink.onContent(this.heldSpace + trimmed);
    this.heldSpace = body.slice(trimmed.length);
  }
}

/** How many characters at the end of `text` could be the start of `tag`. */
function partialTagLength(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}
