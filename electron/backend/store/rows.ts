import type {
  ChatRole,
  Conversation,
  ConversationSummary,
  GenerationStats,
  Message,
  MessageStatus,
  SamplingParams,
  StopReason,
} from '../../../shared/contract/types';

/** Parses a JSON column; a corrupt value yields the fallback instead of breaking a listing. */
export function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const SAMPLING_NUMBER_KEYS = [
  'temperature',
  'topP',
  'topK',
  'minP',
  'repeatPenalty',
  'maxTokens',
] as const satisfies readonly (keyof SamplingParams)[];

/** Keeps only well-typed sampling keys, so a hand-edited or old row cannot inject junk. */
export function parseSampling(text: unknown): Partial<SamplingParams> {
  const raw = parseJson<unknown>(text, {});
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const record = raw as Record<string, unknown>;
  const result: Partial<SamplingParams> = {};
  for (const key of SAMPLING_NUMBER_KEYS) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value)) result[key] = value;
  }
  const seed = record['seed'];
  if (seed === null || (typeof seed === 'number' && Number.isFinite(seed))) result.seed = seed;
  const stops = record['stopStrings'];
  if (Array.isArray(stops)) {
    result.stopStrings = stops.filter((s): s is string => typeof s === 'string' && s !== '');
  }
  const length = record['contextLength'];
  if (length === null || (typeof length === 'number' && Number.isInteger(length) && length > 0)) {
    result.contextLength = length;
  }
  const policy = record['contextPolicy'];
  if (policy === 'rollingWindow' || policy === 'truncateMiddle' || policy === 'stopAndAsk') {
    result.contextPolicy = policy;
  }
  return result;
}

export const PREVIEW_LENGTH = 120;

/** One line for the sidebar: whitespace collapsed, cut on a code point boundary. */
export function makePreview(content: string | null, length = PREVIEW_LENGTH): string {
  if (!content) return '';
  const oneLine = content.replace(/\s+/g, ' ').trim();
  const chars = Array.from(oneLine);
  return chars.length <= length ? oneLine : `${chars.slice(0, length).join('').trimEnd()}…`;
}

export interface ConversationRow {
  id: string;
  title: string;
  system_prompt: string;
  sampling_json: string;
  created_at: number;
  updated_at: number;
  active_leaf_id: string | null;
}

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    title: row.title,
    systemPrompt: row.system_prompt,
    sampling: parseSampling(row.sampling_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activeLeafId: row.active_leaf_id,
  };
}

export interface SummaryRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  message_count: number;
  preview: string | null;
}

export function toSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
    preview: makePreview(row.preview),
  };
}

/** A message row joined with its (optional) stats row; stats columns are null without one. */
export interface MessageRow {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: ChatRole;
  content: string;
  status: MessageStatus;
  error: string | null;
  model: string | null;
  created_at: number;
  updated_at: number;
  stats_message_id: string | null;
  ttft_ms: number | null;
  tokens_per_second: number | null;
  prompt_tokens: number | null;
  evaluated_prompt_tokens: number | null;
  completion_tokens: number | null;
  duration_ms: number | null;
  stop_reason: string | null;
}

/** The SELECT list matching MessageRow, for `messages m LEFT JOIN message_stats s`. */
export const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.parent_id, m.role, m.content, m.status,
  m.error, m.model, m.created_at, m.updated_at, s.message_id AS stats_message_id, s.ttft_ms,
  s.tokens_per_second, s.prompt_tokens, s.evaluated_prompt_tokens, s.completion_tokens,
  s.duration_ms, s.stop_reason`;

const STOP_REASONS: readonly StopReason[] = ['eos', 'maxTokens', 'abort', 'error', 'shutdown'];

function toStats(row: MessageRow): GenerationStats | null {
  if (row.stats_message_id === null) return null;
  const stopReason = STOP_REASONS.find((r) => r === row.stop_reason) ?? 'error';
  return {
    ttftMs: row.ttft_ms,
    tokensPerSecond: row.tokens_per_second,
    promptTokens: row.prompt_tokens ?? 0,
    evaluatedPromptTokens: row.evaluated_prompt_tokens ?? 0,
    completionTokens: row.completion_tokens ?? 0,
    durationMs: row.duration_ms ?? 0,
    stopReason,
  };
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    status: row.status,
    error: row.error,
    model: row.model,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    stats: toStats(row),
  };
}

/** Named parameters for the message_stats upsert. */
export function statsParams(messageId: string, stats: GenerationStats): Record<string, unknown> {
  return {
    messageId,
    ttftMs: stats.ttftMs,
    tokensPerSecond: stats.tokensPerSecond,
    promptTokens: stats.promptTokens,
    evaluatedPromptTokens: stats.evaluatedPromptTokens,
    completionTokens: stats.completionTokens,
    durationMs: stats.durationMs,
    stopReason: stats.stopReason,
  };
}
