import type { ToolChoice } from '../../shared/contract/tools';
import { HERMES_DEFAULT_SAMPLING } from '../../shared/contract/types';
import type { HermesMessage, HermesTool, HermesToolCall } from '../../shared/hermes';
import { ANY_OBJECT } from '../backend/chat/generationPlan';
import type { ReplyRequest } from '../backend/chat/runReply';
import type { EngineSamplingParams } from './apiEngine';
import { badRequest } from './apiErrors';
import type { ChatRequest, ChatRequestMessage, SamplingRequest } from './requestSchemas';
import { messageText } from './requestSchemas';

/** One chat request in the reply pipeline's terms (see runReply). */
export type ChatPlan = Omit<ReplyRequest, 'onText' | 'signal'> & {
  sampling: EngineSamplingParams;
  tools: HermesTool[];
};

export interface PlanContext {
  /** 'user': tool results go back as user turns (the model's load setting). */
  toolResponseRole: 'tool' | 'user';
  /** The loaded context: the default and the bound of max_tokens. */
  contextSize: number;
}

/** OpenAI sampling fields → the engine's; unset ones take the Hermes model cards' defaults. */
export function planSampling(
  request: SamplingRequest & { max_completion_tokens?: number | null },
  contextSize: number,
): EngineSamplingParams {
  const stop = request.stop;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? contextSize;
  const logitBias = request.logit_bias ?? undefined;
  if (logitBias) {
    for (const key of Object.keys(logitBias)) {
      if (!/^\d+$/.test(key))
        throw badRequest(`logit_bias keys must be token ids; got '${key}'.`, 'logit_bias');
    }
  }
  return {
    temperature: request.temperature ?? HERMES_DEFAULT_SAMPLING.temperature,
    topP: request.top_p ?? HERMES_DEFAULT_SAMPLING.topP,
    topK: request.top_k ?? HERMES_DEFAULT_SAMPLING.topK,
    minP: request.min_p ?? HERMES_DEFAULT_SAMPLING.minP,
    repeatPenalty: request.repeat_penalty ?? HERMES_DEFAULT_SAMPLING.repeatPenalty,
    seed: request.seed ?? null,
    maxTokens: Math.min(maxTokens, contextSize),
    ...(stop != null && {
      stopStrings: (typeof stop === 'string' ? [stop] : stop).filter((s) => s !== ''),
    }),
    ...(request.presence_penalty != null && { presencePenalty: request.presence_penalty }),
    ...(request.frequency_penalty != null && { frequencyPenalty: request.frequency_penalty }),
    ...(logitBias && Object.keys(logitBias).length > 0 && { logitBias }),
  };
}

/**
 * An OpenAI chat request → the pipeline's request: the same planning as the app's chat
 * (`planGeneration`: grammars per tool, JSON mode), with the Hermes JSON-mode system prompt only
 * when the client sent no system turn of its own.
 */
export function planChat(request: ChatRequest, context: PlanContext): ChatPlan {
  const tools: HermesTool[] = (request.tools ?? []).map((t) => ({
    type: 'function',
    function: {
      name: t.function.name,
      ...(t.function.description !== undefined && { description: t.function.description }),
      parameters: t.function.parameters ?? { type: 'object', properties: {} },
    },
  }));
  const toolChoice = toolChoiceOf(request, tools);
  const format = request.response_format;
  let responseSchema: Record<string, unknown> | null = null;
  if (format && format.type !== 'text') {
    if (tools.length > 0 && toolChoice !== 'none') {
      throw badRequest(
        'response_format json cannot be combined with tools; send one or the other.',
        'response_format',
      );
    }
    responseSchema =
      format.type === 'json_schema' ? (format.json_schema.schema ?? ANY_OBJECT) : ANY_OBJECT;
  }
  return {
    messages: toHermesMessages(request.messages, context.toolResponseRole),
    tools: responseSchema ? [] : tools,
    toolChoice,
    guaranteedArguments: true,
    ...(request.parallel_tool_calls === false && { maxCalls: 1 }),
    responseSchema,
    jsonSystemPrompt: 'ifNone',
    sampling: planSampling(request, context.contextSize),
  };
}

function toolChoiceOf(request: ChatRequest, tools: HermesTool[]): ToolChoice {
  const choice = request.tool_choice;
  if (choice === undefined || choice === null) return 'auto';
  if (tools.length === 0 && choice !== 'none' && choice !== 'auto') {
    throw badRequest('tool_choice needs tools: the request has none.', 'tool_choice');
  }
  if (typeof choice === 'string') return choice;
  const name = choice.function.name;
  if (!tools.some((t) => 'function' in t && t.function.name === name)) {
    throw badRequest(
      `tool_choice names '${name}', which is not one of the request's tools.`,
      'tool_choice',
    );
  }
  return { name };
}

/**
 * OpenAI messages → the renderer's. `developer` is a system turn; assistant tool calls keep
 * their arguments string verbatim (the template inserts a string as is); `tool` results become
 * `<tool_response>` blocks, in user turns when the model's settings say so — consecutive results
 * share one user turn, as the reference loop writes them.
 */
export function toHermesMessages(
  input: ChatRequestMessage[],
  toolResponseRole: 'tool' | 'user',
): HermesMessage[] {
  const out: HermesMessage[] = [];
  let userTurn: string[] | null = null;
  const closeUserTurn = (): void => {
    if (userTurn) out.push({ role: 'user', content: userTurn.join('') });
    userTurn = null;
  };
  input.forEach((message, index) => {
    const content = messageText(message, index);
    if (message.role === 'tool' || message.role === 'function') {
      if (toolResponseRole === 'user') {
        userTurn ??= [];
        userTurn.push(`<tool_response>\n${content}\n</tool_response>\n`);
      } else {
        out.push({
          role: 'tool',
          content,
          ...(message.tool_call_id && { tool_call_id: message.tool_call_id }),
        });
      }
      return;
    }
    closeUserTurn();
    if (message.role === 'assistant') {
      const calls = message.tool_calls ?? [];
      if (calls.length > 0) {
        const tool_calls: HermesToolCall[] = calls.map((c) => ({
          ...(c.id && { id: c.id }),
          type: 'function',
          function: { name: c.function.name, arguments: argumentsOf(c.function.arguments) },
        }));
        out.push({ role: 'assistant', content, tool_calls });
      } else out.push({ role: 'assistant', content });
      return;
    }
    out.push({ role: message.role === 'developer' ? 'system' : message.role, content });
  });
  closeUserTurn();
  return out;
}

/**
 * Arguments as the app stores them: a JSON object goes through the template's `tojson`, so a
 * call the model wrote comes back in the model's own spacing (and its KV prefix is reused). A
 * string that is not an object is inserted verbatim, as the template does with strings.
 */
function argumentsOf(text: string | undefined): string | Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Not JSON: the model sees exactly what the client sent.
  }
  return text;
}
