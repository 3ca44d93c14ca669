import { z } from 'zod';
import { loadModelOptionsSchema } from '../../../shared/contract/engine';
import type { HardwareInfo } from '../../../shared/contract/library';
import { returns } from '../../../shared/contract/define';
import { samplingSchema } from '../../../shared/contract/sampling';
import { toolChoiceSchema } from '../../../shared/contract/tools';
import type {
  EngineStatus,
  GenerationStats,
  LoadedModelInfo,
} from '../../../shared/contract/types';
import type { HermesMessage, HermesTool } from '../../../shared/hermes';
import type { AssembledPrompt, AssemblePromptInput } from '../../../shared/personas';
import type { MethodsOf } from '../../../shared/rpc/types';

/** A JSON Schema already reduced to what node-llama-cpp's grammar handles (see schemaSupport). */
export type GrammarSchema = { [key: string]: unknown };

const jsonObject = z.record(z.string(), z.unknown());
const args = z.union([z.string(), jsonObject]).optional();

const hermesFunction = z.object({
  name: z.string(),
  description: z.string().optional(),
  parameters: jsonObject.optional(),
  return: jsonObject.optional(),
});

const hermesTool = z.union([
  z.object({ type: z.literal('function').optional(), function: hermesFunction }),
  hermesFunction,
]) satisfies z.ZodType<HermesTool>;

const hermesMessage = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  tool_calls: z
    .array(
      z.union([
        z.object({
          id: z.string().optional(),
          type: z.literal('function').optional(),
          function: z.object({ name: z.string(), arguments: args }),
        }),
        z.object({ name: z.string(), arguments: args }),
      ]),
    )
    .optional(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
}) satisfies z.ZodType<HermesMessage>;

/** Tool calling for one reply. */
const toolOptions = z.object({
  /** The tools announced in the system turn, OpenAI shape with full JSON Schemas. */
  definitions: z.array(hermesTool),
  choice: toolChoiceSchema,
  /**
   * Guaranteed arguments: the grammar schema of each tool's arguments. Absent: call bodies are
   * written freely and checked afterwards.
   */
  argumentGrammars: z.record(z.string(), jsonObject).optional(),
  /** Calls allowed in one reply (default 8). */
  maxCalls: z.number().int().positive().optional(),
});
export type EngineToolOptions = z.infer<typeof toolOptions>;

/**
 * The app's sampling settings plus OpenAI's penalties and logit bias (token id → a bias added to
 * its logit; -100 bans it), which the API passes through.
 */
const engineSampling = samplingSchema.extend({
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  logitBias: z.record(z.string(), z.number().min(-100).max(100)).optional(),
});
export type EngineSamplingParams = z.infer<typeof engineSampling>;

const generateParams = z.object({
  requestId: z.string(),
  /** OpenAI-shaped messages (assistant `tool_calls`, `tool` results) ending where the reply starts. */
  messages: z.array(hermesMessage),
  sampling: engineSampling,
  tools: toolOptions.optional(),
  /** JSON mode: the reply is constrained to this grammar schema. */
  jsonSchema: jsonObject.optional(),
  /** Default 'app'; the API's requests run on the API's sequences (see SequencePool). */
  lane: z.enum(['app', 'api']).optional(),
});
export type EngineGenerateParams = z.infer<typeof generateParams>;

/**
 * assemblePrompt's input without its functions: the engine process measures with the loaded
 * model's tokenizer, so the cuts are exact. `now` is epoch ms; `randomSeed` seeds `{{random}}`.
 */
export type EngineAssembleParams = Omit<AssemblePromptInput, 'countTokens' | 'random' | 'now'> & {
  now: number;
  randomSeed: string;
};

/**
 * The backend builds this input itself from typed code; the check covers what the engine
 * relies on before assemblePrompt reads the rest.
 */
const assembleParams = z.custom<EngineAssembleParams>(
  (value) =>
    z
      .looseObject({
        history: z.array(z.unknown()),
        contextSize: z.number(),
        reserveForReply: z.number(),
        now: z.number(),
        randomSeed: z.string(),
      })
      .safeParse(value).success,
  'expected an assemblePrompt input',
);

const none = z.object({});

/** The RPC spoken between the backend and the engine child process, declared once. */
export const engineProtocol = {
  status: { params: none, result: returns<EngineStatus>() },
  load: { params: loadModelOptionsSchema, result: returns<LoadedModelInfo>() },
  unload: { params: none, result: z.object({ ok: z.literal(true) }) },
  generate: {
    params: generateParams,
    result: returns<{ text: string; stats: GenerationStats }>(),
  },
  /** A raw prompt continued with no chat template; text arrives as `text` events. */
  complete: {
    params: z.object({
      requestId: z.string(),
      prompt: z.string(),
      sampling: engineSampling,
      lane: z.enum(['app', 'api']).optional(),
    }),
    result: returns<{ text: string; stats: GenerationStats }>(),
  },
  /** Tokens of a prompt text (special-token tags parsed) in the loaded model's tokenizer. */
  countTokens: {
    params: z.object({ text: z.string() }),
    result: returns<{ count: number; specialTokens: string[] }>(),
  },
  /** The GPU llama.cpp uses, its VRAM, and the machine's RAM (for fit estimates). */
  hardware: { params: none, result: returns<HardwareInfo>() },
  /** A roleplay prompt assembled and fitted with the loaded model's tokenizer. */
  assemblePrompt: { params: assembleParams, result: returns<AssembledPrompt>() },
};

export type EngineMethods = MethodsOf<typeof engineProtocol>;

export type EngineEvents = {
  /** A chunk of generated text for one generate request. */
  text: { requestId: string; text: string; tokens: number };
};
