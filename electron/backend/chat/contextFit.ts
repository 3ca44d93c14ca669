import { DEFAULT_CONTEXT_CONTROLS } from '../../../shared/contract';
import { TalariaError } from '../../../shared/contract/errors';
import {
  HERMES_DEFAULT_SAMPLING,
  type ChatRole,
  type ContextPolicy,
  type Conversation,
  type Message,
} from '../../../shared/contract/types';

/** A message with its (estimated) size in tokens. */
export interface SizedTurn {
  id: string;
  role: ChatRole;
  tokens: number;
}

/** Tokens the chat template adds around each turn (ChatML: `<|im_start|>role\n…<|im_end|>\n`). */
export const TURN_OVERHEAD_TOKENS = 8;
/**
 * English averages about four bytes per token; six is generous. Messages beyond this many bytes
 * from the end cannot fit, so only the tail is sent to the tokenizer.
 */
const MAX_BYTES_PER_TOKEN = 6;

/** Splits turns into exchanges that are kept or left out together: each starts at a user turn. */
function exchanges(turns: readonly SizedTurn[]): SizedTurn[][] {
  const groups: SizedTurn[][] = [];
  for (const turn of turns) {
    const last = groups.at(-1);
    if (!last || turn.role === 'user') groups.push([turn]);
    else last.push(turn);
  }
  return groups;
}

const total = (turns: readonly SizedTurn[]): number => turns.reduce((n, t) => n + t.tokens, 0);

/**
 * Which turns to send so the prompt fits `budget` tokens. The last exchange is always kept
 * (the model must see what it answers); a tool call stays with its result because both belong
 * to one exchange. Throws INVALID_INPUT for 'stopAndAsk' when the history does not fit.
 */
export function planFit(
  turns: readonly SizedTurn[],
  budget: number,
  policy: ContextPolicy,
): { keep: Set<string>; dropped: number } {
  const all = new Set(turns.map((t) => t.id));
  const needed = total(turns);
  if (needed <= budget) return { keep: all, dropped: 0 };
  if (policy === 'stopAndAsk') {
    throw new TalariaError(
      'INVALID_INPUT',
      `This conversation no longer fits in the model's context (about ${needed} tokens of ` +
        `${Math.max(0, budget)} available). Choose "Rolling window" or "Truncate middle" in ` +
        'Generation settings, load the model with a larger context, or fork a new chat from a ' +
        'recent message.',
      { reason: 'CONTEXT_FULL', promptTokens: needed, budget },
    );
  }
  const groups = exchanges(turns);
  const kept: SizedTurn[][] = [];
  let used = 0;
  const head = policy === 'truncateMiddle' && groups.length > 1 ? groups[0] : undefined;
  const last = groups.at(-1) ?? [];
  used += total(last);
  if (head && used + total(head) <= budget) used += total(head);
  const headKept = head !== undefined && used > total(last);
  for (let i = groups.length - 2; i >= (headKept ? 1 : 0); i--) {
    const group = groups[i] ?? [];
    const size = total(group);
    if (used + size > budget) break;
    used += size;
    kept.push(group);
  }
  const keep = new Set<string>();
  for (const t of [...(headKept && head ? head : []), ...kept.flat(), ...last]) keep.add(t.id);
  return { keep, dropped: turns.length - keep.size };
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export interface TokenCounter {
  /** The loaded model's context size; null when no model is loaded. */
  contextSize(): number | null;
  /** Tokens of a text in the loaded model's tokenizer; null when it cannot count. */
  count(text: string): Promise<number | null>;
}

/**
 * Applies a conversation's context length and policy before a reply. Byte-level BPE never
 * makes more tokens than bytes, so a history whose bytes fit is sent untouched without
 * tokenizing; otherwise the tail that could fit is tokenized once and the per-message sizes are
 * estimated in proportion to their bytes.
 */
export function createHistoryFitter(
  counter: TokenCounter,
): (conversation: Conversation, history: Message[]) => Promise<Message[]> {
  return async (conversation, history) => {
    const contextSize = counter.contextSize();
    if (!contextSize || history.length === 0) return history;
    const settings = { ...HERMES_DEFAULT_SAMPLING, ...DEFAULT_CONTEXT_CONTROLS };
    Object.assign(settings, conversation.sampling);
    const limit = Math.min(contextSize, settings.contextLength ?? Infinity);
    const budget =
      limit -
      Math.min(settings.maxTokens, Math.floor(limit / 2)) -
      TURN_OVERHEAD_TOKENS -
      utf8Bytes(conversation.systemPrompt);
    const bytes = history.map((m) => utf8Bytes(m.content));
    const upperBound = bytes.reduce((a, b) => a + b + TURN_OVERHEAD_TOKENS, 0);
    if (upperBound <= budget) return history;

    // Tokenize the tail that could fit, plus the first exchange 'truncateMiddle' tries to keep.
    let start = history.length;
    for (let sum = 0; start > 0 && sum <= budget * MAX_BYTES_PER_TOKEN;) {
      start -= 1;
      sum += bytes[start] ?? 0;
    }
    const firstReply = history.findIndex((m, i) => i > 0 && m.role === 'user');
    const headEnd = settings.contextPolicy === 'truncateMiddle' && firstReply > 0 ? firstReply : 0;
    const text = history
      .filter((_, i) => i >= start || i < headEnd)
      .map((m) => m.content)
      .join('\n');
    const counted = await counter.count(text);
    const ratio = counted === null ? 1 : Math.min(1, counted / Math.max(1, utf8Bytes(text)));
    const sized: SizedTurn[] = history.map((m, i) => ({
      id: m.id,
      role: m.role,
      tokens: Math.ceil((bytes[i] ?? 0) * ratio) + TURN_OVERHEAD_TOKENS,
    }));
    const { keep } = planFit(sized, budget, settings.contextPolicy);
    return history.filter((m) => keep.has(m.id));
  };
}
