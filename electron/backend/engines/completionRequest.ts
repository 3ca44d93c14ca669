import type { EngineSamplingParams as SamplingParams } from '../engine/Engine';
import type { ConstraintDialect } from './probeEngine';

/** A JSON Schema the reply must follow, or a GBNF grammar where the server speaks GBNF. */
export type OutputConstraint =
  { type: 'json_schema'; schema: Record<string, unknown> } | { type: 'gbnf'; grammar: string };

export interface RawCompletionInput {
  model: string;
  /** The whole prompt, rendered by Talaria (special tokens as text). */
  prompt: string;
  sampling: SamplingParams;
  /** Extra stop strings (e.g. `<tool_call>` while waiting for a call to start). */
  stop?: string[];
  constraint?: OutputConstraint;
}

/** Where a raw completion goes and what it carries. */
export interface CompletionRequest {
  path: string;
  body: Record<string, unknown>;
  /** How the streamed events are shaped. */
  stream: 'openai' | 'ollama';
}

function stops(input: RawCompletionInput): string[] {
  return [...(input.sampling.stopStrings ?? []), ...(input.stop ?? [])];
}

/** The seed when fixed; servers pick their own when it is left out. */
function seed(sampling: SamplingParams): { seed?: number } {
  return sampling.seed === null ? {} : { seed: sampling.seed };
}

/** OpenAI's penalties and logit bias, where the request sets them. */
function penalties(sampling: SamplingParams): Record<string, unknown> {
  return {
    ...(sampling.presencePenalty !== undefined && { presence_penalty: sampling.presencePenalty }),
    ...(sampling.frequencyPenalty !== undefined && {
      frequency_penalty: sampling.frequencyPenalty,
    }),
    ...(sampling.logitBias && { logit_bias: sampling.logitBias }),
  };
}

/**
 * Builds a streaming raw-prompt completion in the server's own dialect, so sampling and
 * grammar-guaranteed output mean the same thing on every server. The contract's "disabled" values
 * (topP 1, topK 0, minP 0, repeatPenalty 1) are sent as the servers' own "disabled" values.
 */
export function rawCompletionRequest(
  dialect: ConstraintDialect,
  input: RawCompletionInput,
): CompletionRequest {
  const { sampling, constraint } = input;
  const stop = stops(input);
  if (dialect === 'ollama') {
    if (constraint?.type === 'gbnf') {
      throw new Error('Ollama takes JSON schemas, not GBNF grammars');
    }
    return {
      path: '/api/generate',
      stream: 'ollama',
      body: {
        model: input.model,
        prompt: input.prompt,
        raw: true,
        stream: true,
        ...(constraint && { format: constraint.schema }),
        options: {
          temperature: sampling.temperature,
          top_p: sampling.topP,
          top_k: sampling.topK,
          min_p: sampling.minP,
          repeat_penalty: sampling.repeatPenalty,
          num_predict: sampling.maxTokens,
          ...(sampling.presencePenalty !== undefined && {
            presence_penalty: sampling.presencePenalty,
          }),
          ...(sampling.frequencyPenalty !== undefined && {
            frequency_penalty: sampling.frequencyPenalty,
          }),
          ...seed(sampling),
          ...(stop.length > 0 && { stop }),
        },
      },
    };
  }

  const body: Record<string, unknown> = {
    model: input.model,
    prompt: input.prompt,
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: sampling.maxTokens,
    temperature: sampling.temperature,
    top_p: sampling.topP,
    ...seed(sampling),
    ...penalties(sampling),
    ...(stop.length > 0 && { stop }),
  };
  if (dialect === 'llama.cpp') {
    Object.assign(body, {
      top_k: sampling.topK,
      min_p: sampling.minP,
      repeat_penalty: sampling.repeatPenalty,
      // Keep the KV cache of this prompt's prefix for the next turn.
      cache_prompt: true,
      // Special tokens in the prompt are text Talaria rendered on purpose.
      parse_special: true,
    });
    if (constraint?.type === 'json_schema') body.json_schema = constraint.schema;
    if (constraint?.type === 'gbnf') body.grammar = constraint.grammar;
  } else if (dialect === 'vllm') {
    Object.assign(body, {
      top_k: sampling.topK === 0 ? -1 : sampling.topK,
      min_p: sampling.minP,
      repetition_penalty: sampling.repeatPenalty,
      skip_special_tokens: false,
    });
    if (constraint?.type === 'json_schema') body.structured_outputs = { json: constraint.schema };
    if (constraint?.type === 'gbnf') body.structured_outputs = { grammar: constraint.grammar };
  } else if (constraint) {
    throw new Error(`A ${dialect} server cannot constrain a raw completion`);
  }
  return { path: '/v1/completions', stream: 'openai', body };
}

/** Wire tool choice of a chat-mode request. */
export type ChatToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ChatCompletionInput {
  model: string;
  messages: unknown[];
  sampling: SamplingParams;
  tools?: { type: 'function'; function: Record<string, unknown> }[];
  toolChoice?: ChatToolChoice;
  /** response_format json_schema for JSON mode on chat-only hosts. */
  jsonSchema?: Record<string, unknown>;
}

/**
 * Chat mode, for servers that take no raw prompt: OpenAI `messages` + `tools` +
 * `response_format`, the server's own template and tool parser (vLLM `--tool-call-parser hermes`).
 */
export function chatCompletionRequest(input: ChatCompletionInput): CompletionRequest {
  const { sampling } = input;
  const stop = sampling.stopStrings ?? [];
  const choice = input.toolChoice;
  return {
    path: '/v1/chat/completions',
    stream: 'openai',
    body: {
      model: input.model,
      messages: input.messages,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: sampling.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      ...seed(sampling),
      ...penalties(sampling),
      ...(stop.length > 0 && { stop }),
      ...(input.tools?.length && {
        tools: input.tools,
        tool_choice:
          choice === undefined
            ? 'auto'
            : typeof choice === 'string'
              ? choice
              : { type: 'function', function: { name: choice.name } },
      }),
      ...(input.jsonSchema && {
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'reply', schema: input.jsonSchema, strict: true },
        },
      }),
    },
  };
}
