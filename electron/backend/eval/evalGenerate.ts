import type { GenerationStats } from '../../../shared/contract/types';
import type { HermesMessage, HermesTool } from '../../../shared/hermes';
import type { EvalVariant } from '../../../shared/eval';
import { runReply } from '../chat/runReply';
import type { Engine } from '../engine/Engine';

export interface EvalGenerateRequest {
  messages: HermesMessage[];
  tools: HermesTool[];
  variant: EvalVariant;
  signal?: AbortSignal;
  /** 'api': one of the engine's parallel sequences (several cases at once). */
  lane?: 'app' | 'api';
}

export interface EvalGeneration {
  /** The raw reply, `<tool_call>` blocks included. */
  text: string;
  stats: GenerationStats;
}

/**
 * What a run needs from the reply pipeline: messages and tools in, raw text and timings out.
 * Kept narrow so the runner is tested and benchmarked without caring which engine answers.
 */
export type EvalGenerate = (request: EvalGenerateRequest) => Promise<EvalGeneration>;

/**
 * The reply pipeline's conversation-free entry (`runReply`, the same plan the chat and the API
 * use) on any Engine: the variant's tool choice, guaranteed arguments and sampling.
 */
export function pipelineEvalGenerate(engine: Engine): EvalGenerate {
  return async ({ messages, tools, variant, signal, lane }) => {
    const reply = await runReply(engine, {
      messages,
      tools,
      toolChoice: variant.toolChoice,
      guaranteedArguments: variant.grammar,
      sampling: {
        temperature: variant.temperature,
        topP: 1,
        topK: 0,
        minP: 0,
        repeatPenalty: 1,
        seed: variant.seed,
        maxTokens: variant.maxTokens,
      },
      ...(signal && { signal }),
      ...(lane && { lane }),
    });
    return { text: reply.text, stats: reply.stats };
  };
}
