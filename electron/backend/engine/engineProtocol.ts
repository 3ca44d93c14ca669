import { z } from 'zod';
import type {
  ChatTurn,
  EngineStatus,
  GenerationStats,
  LoadModelOptions,
  LoadedModelInfo,
  SamplingParams,
} from '../../../shared/contract/types';
import type { ParamSchemas } from '../../../shared/rpc/types';

/** The RPC spoken between the backend and the engine child process. */
export type EngineMethods = {
  status: { params: Record<string, never>; result: EngineStatus };
  load: { params: LoadModelOptions; result: LoadedModelInfo };
  unload: { params: Record<string, never>; result: { ok: true } };
  generate: {
    params: { requestId: string; messages: ChatTurn[]; sampling: SamplingParams };
    result: { text: string; stats: GenerationStats };
  };
};

export type EngineEvents = {
  /** A chunk of generated text for one generate request. */
  text: { requestId: string; text: string; tokens: number };
};

const turn = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
});

const sampling = z.object({
  temperature: z.number(),
  topP: z.number(),
  topK: z.number(),
  minP: z.number(),
  repeatPenalty: z.number(),
  seed: z.number().nullable(),
  maxTokens: z.number().int().positive(),
});

export const engineSchemas = {
  status: z.object({}),
  load: z.object({
    path: z.string().min(1),
    gpuLayers: z.union([z.number().int().min(0), z.literal('auto'), z.literal('max')]).optional(),
    contextSize: z.union([z.number().int().positive(), z.literal('auto')]).optional(),
    flashAttention: z.boolean().optional(),
    batchSize: z.number().int().positive().optional(),
    threads: z.number().int().positive().optional(),
  }),
  unload: z.object({}),
  generate: z.object({ requestId: z.string(), messages: z.array(turn), sampling }),
} as unknown as ParamSchemas<EngineMethods>;
