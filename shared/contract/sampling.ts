import { z } from 'zod';

/**
 * When a conversation outgrows the context:
 * - 'rollingWindow': leave out the oldest turns;
 * - 'truncateMiddle': keep the first exchange and the newest turns, leave out the middle;
 * - 'stopAndAsk': do not generate; the reply fails with a message saying what to change.
 * The system prompt and the last message are always kept.
 */
export const contextPolicySchema = z.enum(['rollingWindow', 'truncateMiddle', 'stopAndAsk']);
export type ContextPolicy = z.infer<typeof contextPolicySchema>;

/**
 * Sampling settings for one generation, with the bounds every client and the engine process
 * check: the one sampling schema of the app.
 */
export const samplingSchema = z
  .object({
    /** Softmax temperature; 0 means greedy. */
    temperature: z.number().min(0).max(5),
    /** Nucleus sampling; 1 disables it. */
    topP: z.number().gt(0).max(1),
    /** Top-k sampling; 0 disables it. */
    topK: z.number().int().min(0).max(10_000),
    /** Min-p sampling; 0 disables it. */
    minP: z.number().min(0).max(1),
    /** Repetition penalty; 1 disables it. */
    repeatPenalty: z.number().min(0.5).max(3),
    /** Fixed seed for reproducible sampling; null picks a random one. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .nullable(),
    /** Upper bound on generated tokens. */
    maxTokens: z.number().int().min(1).max(1_000_000),
    /** Extra strings that end the reply when the model writes them (left out of the text). */
    stopStrings: z.array(z.string().min(1).max(200)).max(16).optional(),
    /**
     * Tokens of history a reply may see; null or absent means the whole loaded context. It can
     * only narrow the loaded context, never widen it.
     */
    contextLength: z.number().int().min(64).max(1_048_576).nullable().optional(),
    /** What to do when the history no longer fits (default 'rollingWindow'). */
    contextPolicy: contextPolicySchema.optional(),
  })
  .strict();

export type SamplingParams = z.infer<typeof samplingSchema>;

/** A conversation's overrides of the sampling defaults: any subset of the fields. */
export const samplingOverridesSchema = samplingSchema.partial();
