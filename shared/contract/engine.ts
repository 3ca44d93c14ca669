/** The model engine as the UI sees it: what is loaded, loading and unloading. */
import { z } from 'zod';
import type { MethodsOf } from '../rpc/types';
import { method, returns } from './define';
import type { EngineStatus } from './types';

/** How the engine process loads a GGUF file. */
export const loadModelOptionsSchema = z
  .object({
    path: z.string().min(1).max(4096),
    /** Layers to offload to the GPU; 'auto' lets node-llama-cpp decide. */
    gpuLayers: z
      .union([z.number().int().min(0).max(1024), z.literal('auto'), z.literal('max')])
      .optional(),
    contextSize: z.union([z.number().int().min(64).max(4_194_304), z.literal('auto')]).optional(),
    flashAttention: z.boolean().optional(),
    batchSize: z.number().int().min(1).max(1_048_576).optional(),
    /** Defaults to the machine's core count. */
    threads: z.number().int().min(1).max(1024).optional(),
    /**
     * Extra context sequences for the OpenAI-compatible API's concurrent clients (`talaria api
     * --parallel N`), each with its own KV cache; 0 (default) shares the app's one sequence.
     */
    parallel: z.number().int().min(0).max(64).optional(),
  })
  .strict();
export type LoadModelOptions = z.infer<typeof loadModelOptionsSchema>;

const noParams = z.object({}).strict();

export const engineMethods = {
  /** The engine's state, compute backend, loaded model and memory use. */
  'engine.status': method({ params: noParams, result: returns<EngineStatus>() }),
  /**
   * Loads a GGUF file by path (replacing the loaded model). Errors: MODEL_NOT_FOUND,
   * LOAD_FAILED, INSUFFICIENT_MEMORY, ENGINE_CRASHED, BUSY (a reply is being written).
   */
  'engine.load': method({
    params: z
      .object({
        path: z.string().min(1).max(4096),
        contextSize: z.number().int().min(64).max(1_048_576).optional(),
        gpuLayers: z.union([z.number().int().min(0).max(1000), z.literal('auto')]).optional(),
      })
      .strict(),
    result: returns<EngineStatus>(),
    errors: ['MODEL_NOT_FOUND', 'LOAD_FAILED', 'INSUFFICIENT_MEMORY', 'ENGINE_CRASHED', 'BUSY'],
  }),
  /** Unloads the model. Errors: BUSY (a reply is being written). */
  'engine.unload': method({ params: noParams, result: returns<EngineStatus>(), errors: ['BUSY'] }),
};
export type EngineMethods = MethodsOf<typeof engineMethods>;

export type EngineEvents = {
  /** The engine's status changed (loading, loaded, unloaded, crashed). */
  'engine.status': EngineStatus;
};
