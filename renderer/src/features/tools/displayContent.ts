import type { Message } from '../../../../shared/contract/types';
import { parseToolCalls } from '../../../../shared/hermes/parseToolCalls';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';

type Shown = Pick<Message, 'role' | 'content'> & Partial<Pick<Message, 'json'>>;

/** The start of `<tool_call>` cut off at the end of a streaming reply (`<`, `<tool_c` …). */
function partialOpenTag(text: string): number {
  for (let n = Math.min(OPEN.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(OPEN.slice(0, n))) return text.length - n;
  }
  return -1;
}

/**
 * The text to draw as markdown for a message. An assistant message keeps its raw output,
 * `<tool_call>` blocks included; those are drawn as call cards, so they are left out here (a
 * half-written opening tag too, while streaming). A JSON-mode reply is drawn as a tree instead.
 */
export function displayContent(message: Shown, options: { streaming?: boolean } = {}): string {
  if (message.role !== 'assistant') return message.content;
  if (message.json) return '';
  let text = message.content;
  if (options.streaming) {
    const cut = partialOpenTag(text);
    if (cut >= 0) text = text.slice(0, cut);
  }
  if (!text.includes(OPEN) && !text.includes(CLOSE)) return text;
  return parseToolCalls(text).content;
}

/** One `<tool_call>` block as written so far. */
export interface WrittenCall {
  /** The text between the tags. */
  raw: string;
  /** False while the model is still writing it. */
  closed: boolean;
}

/** The `<tool_call>` blocks in a reply, in order, the last possibly unfinished. */
export function writtenCalls(text: string): WrittenCall[] {
  const out: WrittenCall[] = [];
  let pos = text.indexOf(OPEN);
  while (pos >= 0) {
    const start = pos + OPEN.length;
    const close = text.indexOf(CLOSE, start);
    const reopen = text.indexOf(OPEN, start);
    if (reopen >= 0 && (close < 0 || reopen < close)) {
      out.push({ raw: text.slice(start, reopen).trim(), closed: false });
      pos = reopen;
    } else if (close < 0) {
      out.push({ raw: text.slice(start).trim(), closed: false });
      pos = -1;
    } else {
      out.push({ raw: text.slice(start, close).trim(), closed: true });
      pos = text.indexOf(OPEN, close);
    }
  }
  return out;
}
