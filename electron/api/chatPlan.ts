import type { ToolChoice } from '../../shared/contract/tools';
import { HERMES_DEFAULT_SAMPLING } from '../../shared/contract/types';
import type { HermesMessage, HermesTool, HermesToolCall } from '../../shared/hermes';
import { jsonModeSystemPrompt } from '../../shared/hermes';
import type { EngineSamplingParams, GenerateOptions } from './apiEngine';
import { badRequest } from './apiErrors';
import type { ChatRequest, ChatRequestMessage, SamplingRequest } from './requestSchemas';
import { messageText } from './requestSchemas';
import { toGrammarSchema } from '../backend/tools/schemaSupport';

/** Calls one reply may hold when `parallel_tool_calls` is not false (the engine's default). */
const MAX_PARALLEL_CALLS = 8;
const ANY_OBJECT = { type: 'object', additionalProperties: true };

/** One chat request turned into the engine's terms. */
export interface ChatPlan {
  messages: HermesMessage[];
  sampling: EngineSamplingParams;
  options: GenerateOptions;
  /** The tools as announced, for validating the calls the model makes. */
  tools: HermesTool[];
  /** json_schema: the schema the reply is validated against; json_object: any object. */
  responseSchema: Record<string, unknown> | null;
  /** Keywords the grammar cannot enforce, said before generation starts. */
  warnings: string[];
}

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

export function planChat(request: ChatRequest, context: PlanContext): ChatPlan {
  const warnings: string[] = [];
  const tools: HermesTool[] = (request.tools ?? []).map((t) => ({
    type: 'function',
    function: {
      name: t.function.name,
      ...(t.function.description !== undefined && { description: t.function.description }),
      parameters: t.function.parameters ?? { type: 'object', properties: {} },
    },
  }));
  const choice = toolChoiceOf(request, tools);
  let options: GenerateOptions = {};
  if (tools.length > 0) {
    const argumentGrammars: Record<string, Record<string, unknown>> = {};
    for (const tool of request.tools ?? []) {
      const { grammarSchema, unenforced } = toGrammarSchema(tool.function.parameters ?? {});
      argumentGrammars[tool.function.name] = Object.keys(grammarSchema).length
        ? grammarSchema
        : ANY_OBJECT;
      for (const issue of unenforced) {
        warnings.push(`tools[${tool.function.name}] ${issue.path}: ${issue.message}`);
      }
    }
    const maxCalls = request.parallel_tool_calls === false ? 1 : MAX_PARALLEL_CALLS;
    options = { tools: { definitions: tools, choice, argumentGrammars, maxCalls } };
  }
  let responseSchema: Record<string, unknown> | null = null;
  const format = request.response_format;
  let systemForJson: string | null = null;
  if (format && format.type !== 'text') {
    if (tools.length > 0 && choice !== 'none') {
      throw badRequest(
        'response_format json cannot be combined with tools; send one or the other.',
        'response_format',
      );
    }
    responseSchema =
      format.type === 'json_schema' ? (format.json_schema.schema ?? ANY_OBJECT) : ANY_OBJECT;
    const { grammarSchema, unenforced } = toGrammarSchema(responseSchema);
    for (const issue of unenforced)
      warnings.push(`response_format ${issue.path}: ${issue.message}`);
    options = { jsonSchema: grammarSchema };
    systemForJson = jsonModeSystemPrompt(responseSchema);
  }
  const messages = toHermesMessages(request.messages, context.toolResponseRole);
  // Hermes was trained to answer in JSON under the model cards' system prompt; a request that
  // brings its own system prompt keeps it unchanged.
  if (systemForJson !== null && !messages.some((m) => m.role === 'system')) {
    messages.unshift({ role: 'system', content: systemForJson });
  }
  return {
    messages,
    sampling: planSampling(request, context.contextSize),
    options,
    tools,
    responseSchema,
    warnings,
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
