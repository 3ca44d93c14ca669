import type { GenerationStats } from '../../../shared/contract/types';
import type { HermesMessage, HermesTool } from '../../../shared/hermes';
import type { EvalVariant } from '../../../shared/eval';
import type { EngineSamplingParams, EngineToolOptions } from '../engine/engineProtocol';
import { toGrammarSchema } from '../tools/schemaSupport';

export interface EvalGenerateRequest {
  messages: HermesMessage[];
  tools: HermesTool[];
  variant: EvalVariant;
  signal?: AbortSignal;
}

export interface EvalGeneration {
  /** The raw reply, `<tool_call>` blocks included. */
  text: string;
  stats: GenerationStats;
}

/**
 * What a run needs from the reply pipeline: OpenAI-shaped messages and tools in, raw text and
 * timings out, no conversation. Kept this narrow so the runner moves to the pipeline's own
 * conversation-free entry (and to remote engines) by swapping the adapter, not the runner.
 */
export type EvalGenerate = (request: EvalGenerateRequest) => Promise<EvalGeneration>;

/** The engine's conversation-free generate, as the API server calls it. */
export interface GenerateEngine {
  generate(
    messages: HermesMessage[],
    sampling: EngineSamplingParams,
    callbacks: { onText: (text: string, tokens: number) => void; signal?: AbortSignal },
    options?: { tools?: EngineToolOptions },
  ): Promise<{ text: string; stats: GenerationStats }>;
}

const ANY_OBJECT = { type: 'object', additionalProperties: true };

function toolName(tool: HermesTool): string {
  return 'function' in tool ? tool.function.name : tool.name;
}

function toolParameters(tool: HermesTool): Record<string, unknown> {
  return ('function' in tool ? tool.function.parameters : tool.parameters) ?? {};
}

/**
 * The adapter over the engine (local process today): the variant's tool choice, sampling and,
 * with grammar on, each tool's arguments grammar built the way the API and the chat build it.
 */
export function engineEvalGenerate(engine: GenerateEngine): EvalGenerate {
  return async ({ messages, tools, variant, signal }) => {
    const sampling: EngineSamplingParams = {
      temperature: variant.temperature,
      topP: 1,
      topK: 0,
      minP: 0,
      repeatPenalty: 1,
      seed: variant.seed,
      maxTokens: variant.maxTokens,
    };
    let argumentGrammars: Record<string, Record<string, unknown>> | undefined;
    if (variant.grammar) {
      argumentGrammars = {};
      for (const tool of tools) {
        const { grammarSchema } = toGrammarSchema(toolParameters(tool));
        argumentGrammars[toolName(tool)] = Object.keys(grammarSchema).length
          ? grammarSchema
          : ANY_OBJECT;
      }
    }
    const options =
      tools.length > 0
        ? {
            tools: {
              definitions: tools,
              choice: variant.toolChoice,
              ...(argumentGrammars && { argumentGrammars }),
            },
          }
        : {};
    return engine.generate(messages, sampling, { onText: () => undefined, signal }, options);
  };
}
