import type { ToolChoice } from '../../../shared/contract/tools';
import {
  jsonModeSystemPrompt,
  toolFunction,
  type HermesMessage,
  type HermesTool,
} from '../../../shared/hermes';
import type { EngineGenerateOptions, GrammarSchema } from '../engine/Engine';
import { toGrammarSchema } from '../tools/schemaSupport';

/** Any JSON object: the grammar of a tool without parameters, and of `json_object` mode. */
export const ANY_OBJECT: GrammarSchema = { type: 'object', additionalProperties: true };

/** Calls one reply may hold unless the caller says otherwise (the engine's own default). */
export const DEFAULT_MAX_CALLS = 8;

/** What a generation is asked to do, before it is put in the engine's terms. */
export interface GenerationRequest {
  /** OpenAI-shaped messages (assistant `tool_calls`, `tool` results) ending where the reply starts. */
  messages: HermesMessage[];
  /** Tools the model may call (OpenAI shape, full JSON Schemas). */
  tools?: readonly HermesTool[];
  /** Default 'auto'. */
  toolChoice?: ToolChoice;
  /** Constrain each call's arguments to its tool's schema with a grammar (default true). */
  guaranteedArguments?: boolean;
  /** Calls allowed in one reply (default 8; 1 for OpenAI's `parallel_tool_calls: false`). */
  maxCalls?: number;
  /** JSON mode: the reply is constrained to (and validated against) this JSON Schema. */
  responseSchema?: Record<string, unknown> | null;
  /**
   * JSON mode's system prompt (the Hermes model cards' "You are a helpful assistant that answers
   * in JSON…"): 'first' puts it before the caller's system turns (the chat does), 'ifNone' only
   * when the messages bring no system turn (the OpenAI API: a client's own prompt stays as is).
   */
  jsonSystemPrompt?: 'first' | 'ifNone';
}

/** How the reply is written: the one switch every caller goes through. */
export type GenerationMode = 'plain' | 'tools' | 'json';

export interface GenerationPlan {
  mode: GenerationMode;
  messages: HermesMessage[];
  options: EngineGenerateOptions;
  /** Schema keywords a grammar cannot enforce (said before generation; output is validated). */
  warnings: string[];
}

/**
 * A generation request → the engine's terms: JSON mode gets its grammar and system prompt; tool
 * calling gets the tool list, the choice and, with guaranteed arguments, one grammar per tool.
 * JSON mode and tools are exclusive: a schema wins, as the chat's settings do.
 */
export function planGeneration(request: GenerationRequest): GenerationPlan {
  const warnings: string[] = [];
  const schema = request.responseSchema ?? null;
  if (schema !== null) {
    const { grammarSchema, unenforced } = toGrammarSchema(schema);
    for (const issue of unenforced)
      warnings.push(`response schema ${issue.path}: ${issue.message}`);
    const system: HermesMessage = { role: 'system', content: jsonModeSystemPrompt(schema) };
    const hasSystem = request.messages.some((m) => m.role === 'system');
    const messages =
      request.jsonSystemPrompt === 'ifNone' && hasSystem
        ? [...request.messages]
        : [system, ...request.messages];
    const grammar = Object.keys(grammarSchema).length > 0 ? grammarSchema : ANY_OBJECT;
    return { mode: 'json', messages, options: { jsonSchema: grammar }, warnings };
  }
  const tools = request.tools ?? [];
  if (tools.length === 0)
    return { mode: 'plain', messages: [...request.messages], options: {}, warnings };
  let argumentGrammars: Record<string, GrammarSchema> | undefined;
  if (request.guaranteedArguments ?? true) {
    argumentGrammars = {};
    for (const tool of tools) {
      const fn = toolFunction(tool);
      const { grammarSchema, unenforced } = toGrammarSchema(fn.parameters ?? {});
      argumentGrammars[fn.name] =
        Object.keys(grammarSchema).length > 0 ? grammarSchema : ANY_OBJECT;
      for (const issue of unenforced)
        warnings.push(`tools[${fn.name}] ${issue.path}: ${issue.message}`);
    }
  }
  return {
    mode: 'tools',
    messages: [...request.messages],
    options: {
      tools: {
        definitions: [...tools],
        choice: request.toolChoice ?? 'auto',
        ...(argumentGrammars && { argumentGrammars }),
        maxCalls: request.maxCalls ?? DEFAULT_MAX_CALLS,
      },
    },
    warnings,
  };
}
