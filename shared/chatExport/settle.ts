import type { TreeMessage } from './types';

/**
 * A copied or imported message is not being generated, so it cannot stay "streaming": it
 * becomes "interrupted", keeping its text and saying why.
 */
export function settleStreaming(message: TreeMessage, reason: string): TreeMessage {
  if (message.status !== 'streaming') return message;
  return { ...message, status: 'interrupted', error: message.error ?? reason };
}
