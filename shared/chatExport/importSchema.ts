import { z } from 'zod';
import { samplingOverridesSchema } from '../contract/sampling';
import { CHAT_ROLES, MESSAGE_STATUSES, STOP_REASONS, type ImportLimits } from './types';

const id = z.string().min(1, 'an id cannot be empty').max(200);
const timestamp = z.number().int().min(0).max(8_640_000_000_000_000);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const duration = z.number().min(0).max(Number.MAX_SAFE_INTEGER);

const stats = z.object({
  messageId: id,
  ttftMs: duration.nullable(),
  tokensPerSecond: duration.nullable(),
  promptTokens: count,
  evaluatedPromptTokens: count,
  completionTokens: count,
  durationMs: duration,
  stopReason: z.enum(STOP_REASONS),
});

// The contract's sampling bounds, without its strictness: a key a later version adds is
// dropped rather than failing the whole import.
const sampling = z.object(samplingOverridesSchema.shape);

/** Schemas for our own export format, sized by the limits. Unknown keys are dropped. */
export function talariaSchemas(limits: ImportLimits) {
  const message = z.object({
    id,
    parentId: id.nullable(),
    role: z.enum(CHAT_ROLES),
    content: z.string().max(limits.maxContentChars),
    status: z.enum(MESSAGE_STATUSES).default('complete'),
    error: z.string().max(limits.maxContentChars).nullable().default(null),
    model: z.string().max(1000).nullable().default(null),
    createdAt: timestamp,
    updatedAt: timestamp.optional(),
  });
  const conversation = z.object({
    format: z.literal('talaria.conversation'),
    version: z.literal(1),
    conversation: z.object({
      id: id.optional(),
      title: z.string().max(limits.maxTitleChars),
      systemPrompt: z.string().max(limits.maxSystemPromptChars).default(''),
      sampling: sampling.default({}),
      createdAt: timestamp,
      updatedAt: timestamp.optional(),
      activeLeafId: id.nullable().default(null),
      pinned: z.boolean().default(false),
    }),
    messages: z.array(message).max(limits.maxMessagesPerConversation),
    stats: z.array(stats).max(limits.maxMessagesPerConversation).default([]),
  });
  return { conversation };
}

export type TalariaSchemas = ReturnType<typeof talariaSchemas>;

const textPart = z.object({ type: z.string().max(100), text: z.string().optional() });

const toolCall = z.object({
  id: z.string().max(200).optional(),
  type: z.string().max(100).optional(),
  function: z.object({ name: z.string().max(1000), arguments: z.unknown().optional() }),
});

/** A plain OpenAI-style chat message (`{role, content}`, as in a chat completions request). */
export function openAiMessageSchema(limits: ImportLimits) {
  return z.object({
    role: z.string().max(100),
    content: z
      .union([z.string().max(limits.maxContentChars), z.array(textPart).max(10_000), z.null()])
      .optional(),
    name: z.string().max(1000).optional(),
    tool_calls: z.array(toolCall).max(1000).optional(),
  });
}

export type OpenAiMessageInput = z.infer<ReturnType<typeof openAiMessageSchema>>;
