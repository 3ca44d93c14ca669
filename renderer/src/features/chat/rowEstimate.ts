import type { Message } from '../../../../shared/contract/types';

/** Characters per line of the message column at the default font size (max-w-3xl). */
const CHARS_PER_LINE = 92;
const LINE_PX = 23;
const CODE_LINE_PX = 20;

/**
 * A first guess of a message row's height before it is measured, so the scrollbar of a long
 * conversation is about right and rows measured later move little. Prose lines wrap; code lines
 * don't; each fenced block adds its header and padding; replies add their name and action rows.
 */
export function estimateRowHeight(message: Message): number {
  let lines = 0;
  let codeLines = 0;
  let fences = 0;
  let inCode = false;
  for (const line of message.content.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      inCode = !inCode;
      if (inCode) fences++;
      continue;
    }
    if (inCode) codeLines++;
    else lines += Math.max(1, Math.ceil(line.length / CHARS_PER_LINE));
  }
  const body = lines * LINE_PX + codeLines * CODE_LINE_PX + fences * 60;
  if (message.role === 'user') return Math.max(44, body + 48);
  if (message.role === 'assistant') return Math.max(80, body + 64);
  return body + 40;
}
