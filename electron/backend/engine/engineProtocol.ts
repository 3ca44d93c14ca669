import { z } from 'zod';
import type { HardwareInfo } from '../../../shared/contract/library';
import type { ToolChoice } from '../../../shared/contract/tools';
import type {
  EngineStatus,
  GenerationStats,
  LoadModelOptions,
  LoadedModelInfo,
  SamplingParams,
} from '../../../shared/contract/types';
import type { HermesMessage, HermesTool } from '../../../shared/hermes';
import type { AssembledPrompt, AssemblePromptInput } from '../../../shared/personas';
import type { ParamSchemas } from '../../../shared/rpc/types';

/** A JSON Schema already reduced to what node-llama-cpp's grammar handles (see schemaSupport). */
export type GrammarSchema = { [key: string]: unknown };

/** Tool calling for one reply. */
export interface EngineToolOptions {
  /** The tools announced in the system turn, OpenAI shape with full JSON Schemas. */
  definitions: HermesTool[];
  choice: ToolChoice;
  /**
   * Guaranteed arguments: the grammar schema of each tool's arguments. Absent: call bodies are
   * written freely and checked afterwards.
   */
  argumentGrammars?: Record<string, GrammarSchema>;
  /** Calls allowed in one reply (default 8). */
  maxCalls?: number;
}

/**
 * assemblePrompt's input without its functions: the engine process measures with the loaded
 * model's tokenizer, so the cuts are exact. `now` is epoch ms; `randomSeed` seeds `{{random}}`.
 */
export type EngineAssembleParams = Omit<AssemblePromptInput, 'countTokens' | 'random' | 'now'> & {
  now: number;
  randomSeed: string;
};

/**
 * The app's sampling settings plus OpenAI's penalties and logit bias (token id → a bias added to
 * its logit; -100 bans it), which the API passes through.
 */
export type EngineSamplingParams = SamplingParams & {
  presencePenalty?: number;
  frequencyPenalty?: number;
  logitBias?: Record<string, number>;
};

export interface EngineGenerateParams {
  requestId: string;
  /** OpenAI-shaped messages (assistant `tool_calls`, `tool` results) ending where the reply starts. */
  messages: HermesMessage[];
  sampling: EngineSamplingParams;
  tools?: EngineToolOptions;
  /** JSON mode: the reply is constrained to this grammar schema. */
  jsonSchema?: GrammarSchema;
  /** Default 'app'; the API's requests run on the API's sequences (see SequencePool). */
  lane?: 'app' | 'api';
}

/** The RPC spoken between the backend and the engine child process. */
export type EngineMethods = {
  status: { params: Record<string, never>; result: EngineStatus };
  load: { params: LoadModelOptions; result: LoadedModelInfo };
  unload: { params: Record<string, never>; result: { ok: true } };
  generate: {
    params: EngineGenerateParams;
    result: { text: string; stats: GenerationStats };
  };
  /** A raw prompt continued with no chat template; text arrives as `text` events. */
  complete: {
    params: {
      requestId: string;
      prompt: string;
      sampling: EngineSamplingParams;
      lane?: 'app' | 'api';
    };
    result: { text: string; stats: GenerationStats };
  };
  /** Tokens of a prompt text (special-token tags parsed) in the loaded model's tokenizer. */
  countTokens: {
    params: { text: string };
    result: { count: number; specialTokens: string[] };
  };
  /** The GPU llama.cpp uses, its VRAM, and the machine's RAM (for fit estimates). */
  hardware: { params: Record<string, never>; result: HardwareInfo };
  /** A roleplay prompt assembled and fitted with the loaded model's tokenizer. */
  assemblePrompt: { params: EngineAssembleParams; result: AssembledPrompt };
};

export type EngineEvents = {
  /** A chunk of generated text for one generate request. */
  text: { requestId: string; text: string; tokens: number };
};

const jsonObject = z.record(z.string(), z.unknown());

const toolCall = z.object({
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z.object({
    name: z.string(),
    arguments: z.union([z.string(), jsonObject]).optional(),
  }),
});

const turn = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  tool_calls: z.array(toolCall).optional(),
});

const toolChoice = z.union([z.enum(['auto', 'none', 'required']), z.object({ name: z.string() })]);

const tools = z.object({
  definitions: z.array(
    z.object({
      type: z.literal('function').optional(),
      function: z.object({
        name: z.string(),
        description: z.string().optional(),
        parameters: jsonObject.optional(),
      }),
    }),
  ),
  choice: toolChoice,
  argumentGrammars: z.record(z.string(), jsonObject).optional(),
  maxCalls: z.number().int().positive().optional(),
});

const sampling = z.object({
  temperature: z.number(),
  topP: z.number(),
  topK: z.number(),
  minP: z.number(),
  repeatPenalty: z.number(),
  seed: z.number().nullable(),
  maxTokens: z.number().int().positive(),
  stopStrings: z.array(z.string()).optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  logitBias: z.record(z.string(), z.number()).optional(),
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
    parallel: z.number().int().min(0).max(64).optional(),
  }),
  unload: z.object({}),
  generate: z.object({
    requestId: z.string(),
    messages: z.array(turn),
    sampling,
    tools: tools.optional(),
    jsonSchema: jsonObject.optional(),
    lane: z.enum(['app', 'api']).optional(),
  }),
  complete: z.object({
    requestId: z.string(),
    prompt: z.string(),
    sampling,
    lane: z.enum(['app', 'api']).optional(),
  }),
  countTokens: z.object({ text: z.string() }),
  hardware: z.object({}),
  // The backend built this input itself; assemblePrompt checks what it relies on.
  assemblePrompt: z.looseObject({
    history: z.array(z.unknown()),
    contextSize: z.number(),
    reserveForReply: z.number(),
    now: z.number(),
    randomSeed: z.string(),
  }),
} as unknown as ParamSchemas<EngineMethods>;
