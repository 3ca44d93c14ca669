import { z } from 'zod';
import { ApiError, badRequest, unsupported } from './apiErrors';

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const contentParts = z.array(z.looseObject({ type: z.string() }));
const content = z.union([z.string(), contentParts]).nullable().optional();

const toolCall = z.looseObject({
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().optional() }),
});

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content,
  name: z.string().optional(),
  tool_calls: z.array(toolCall).nullable().optional(),
  tool_call_id: z.string().optional(),
});

const functionTool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (at most 64)'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
]);

const responseFormat = z.union([
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

const stop = z
  .union([z.string(), z.array(z.string()).max(16)])
  .nullable()
  .optional();
const penalty = z.number().min(-2).max(2).nullable().optional();

/** The sampling fields shared by chat and raw completions (llama.cpp's extras included). */
const sampling = {
  model: z.string().min(1),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  top_k: z.number().int().min(0).nullable().optional(),
  min_p: z.number().min(0).max(1).nullable().optional(),
  repeat_penalty: z.number().min(0).nullable().optional(),
  presence_penalty: penalty,
  frequency_penalty: penalty,
  seed: z.number().int().nullable().optional(),
  stop,
  max_tokens: z.number().int().positive().nullable().optional(),
  logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullable().optional(),
  n: z.number().int().nullable().optional(),
  logprobs: z.union([z.boolean(), z.number()]).nullable().optional(),
  user: z.string().optional(),
};

export const chatRequestSchema = z.looseObject({
  ...sampling,
  messages: z.array(message).min(1),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  tools: z.array(functionTool).nullable().optional(),
  tool_choice: toolChoice.nullable().optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  response_format: responseFormat.nullable().optional(),
  top_logprobs: z.number().nullable().optional(),
});

export const completionRequestSchema = z.looseObject({
  ...sampling,
  prompt: z.union([z.string(), z.array(z.string()).length(1)]),
  echo: z.boolean().nullable().optional(),
  suffix: z.string().nullable().optional(),
  best_of: z.number().int().nullable().optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatRequestMessage = ChatRequest['messages'][number];
export type CompletionRequest = z.infer<typeof completionRequestSchema>;
export type SamplingRequest = Pick<ChatRequest, keyof typeof sampling>;

/** Parses a request body or throws a 400 naming the first bad field. */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.map(String).join('.') || null;
  throw badRequest(
    `Invalid value for '${param ?? 'body'}': ${issue?.message ?? 'bad value'}.`,
    param,
  );
}

/**
 * What the OpenAI API has and Talaria does not: refused with a 400 naming the parameter, never
 * silently ignored. `false`/`null`/1 values of these are accepted (SDKs send defaults).
 */
export function rejectUnsupported(body: Record<string, unknown>): void {
  const n = body['n'];
  if (typeof n === 'number' && n !== 1) throw unsupported('n', 'More than one choice (n > 1)');
  const bestOf = body['best_of'];
  if (typeof bestOf === 'number' && bestOf !== 1) throw unsupported('best_of', 'best_of > 1');
  if (body['logprobs'] === true || (typeof body['logprobs'] === 'number' && body['logprobs'] > 0)) {
    throw unsupported('logprobs', 'Log probabilities (logprobs)');
  }
  if (body['audio'] !== undefined && body['audio'] !== null)
    throw unsupported('audio', 'Audio output');
  const modalities = body['modalities'];
  if (Array.isArray(modalities) && modalities.some((m) => m !== 'text')) {
    throw unsupported('modalities', 'Output modalities other than text');
  }
  if (body['prediction'] !== undefined && body['prediction'] !== null) {
    throw unsupported('prediction', 'Predicted outputs');
  }
  if (body['web_search_options'] !== undefined)
    throw unsupported('web_search_options', 'Web search');
  if (body['suffix'] !== undefined && body['suffix'] !== null)
    throw unsupported('suffix', 'Insertion (suffix)');
  if (body['echo'] === true) throw unsupported('echo', 'Echoing the prompt (echo)');
}

/** A message's text; image, audio and file parts are refused. */
export function messageText(message: ChatRequestMessage, index: number): string {
  const value = message.content;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return value
    .map((part, p) => {
      const text = textPart.safeParse(part);
      if (text.success) return text.data.text;
      if (part.type === 'refusal' && typeof part['refusal'] === 'string') return part['refusal'];
      throw new ApiError(
        400,
        `Content parts of type '${part.type}' (messages[${index}].content[${p}]) are not supported by Talaria: Hermes models read text only.`,
        'invalid_request_error',
        'unsupported_content',
        `messages.${index}.content.${p}`,
      );
    })
    .join('');
}
