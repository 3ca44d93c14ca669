import type { Conversation, Message } from '../../../../shared/contract/types';

export interface ContextUsage {
  /** Tokens the last reply filled: its prompt plus what it generated. */
  used: number;
  /** The context the next reply can use. */
  size: number;
  /** 0–1, capped. */
  fraction: number;
  level: 'ok' | 'high' | 'full';
}

/**
 * How full the context is, from the last reply on the shown branch that has stats and the
 * context the model was loaded with (narrowed by the conversation's context length). Null when
 * there is nothing measured yet or no model is loaded.
 */
export function contextUsage(
  messages: readonly Message[],
  conversation: Conversation | null,
  loadedContext: number | null,
): ContextUsage | null {
  if (!loadedContext) return null;
  const limit = conversation?.sampling.contextLength;
  const size = limit ? Math.min(limit, loadedContext) : loadedContext;
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const stats = messages[i]?.stats;
    if (stats) {
      used = stats.promptTokens + stats.completionTokens;
      break;
    }
  }
  if (used === 0) return null;
  const fraction = Math.min(1, used / size);
  return {
    used,
    size,
    fraction,
    level: fraction >= 0.95 ? 'full' : fraction >= 0.75 ? 'high' : 'ok',
  };
}
