import type { Message } from '../../../../shared/contract/types';
import { displayContent } from '../tools/displayContent';

/**
 * What the Copy button puts on the clipboard: the text the user sees. A reply's `<tool_call>`
 * blocks are drawn as cards, not text, so they are left out; a JSON-mode reply copies its JSON.
 */
export function copyText(message: Pick<Message, 'role' | 'content' | 'json'>): string {
  if (message.role !== 'assistant' || message.json) return message.content;
  return displayContent(message).trim();
}
