import { z } from 'zod';
import type { ParamSchemas } from '../rpc/types';
import type { CoreMethods, MethodName, TalariaMethods } from './api';
import { librarySchemas } from './librarySchemas';
import { toolSchemas } from './toolSchemas';
import { chatExtrasSchemas } from './chatExtrasSchemas';
import { personaSchemas } from './personaSchemas';

const id = z.string().min(1).max(200);
const empty = z.object({}).strict();

const sampling = z
  .object({
    temperature: z.number().min(0).max(5),
    topP: z.number().gt(0).max(1),
    topK: z.number().int().min(0).max(10_000),
    minP: z.number().min(0).max(1),
    repeatPenalty: z.number().min(0.5).max(3),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .nullable(),
    maxTokens: z.number().int().min(1).max(1_000_000),
    stopStrings: z.array(z.string().min(1).max(200)).max(16),
    contextLength: z.number().int().min(64).max(1_048_576).nullable(),
    contextPolicy: z.enum(['rollingWindow', 'truncateMiddle', 'stopAndAsk']),
  })
  .partial()
  .strict();

/** Run-time validation of the core methods' params. */
export const coreSchemas = {
  'app.info': empty,
  'settings.get': z.object({ key: z.string().min(1).max(200) }).strict(),
  'settings.set': z.object({ key: z.string().min(1).max(200), value: z.unknown() }).strict(),
  'conversations.list': empty,
  'conversations.create': z
    .object({
      title: z.string().max(500).optional(),
      systemPrompt: z.string().max(200_000).optional(),
    })
    .strict(),
  'conversations.get': z.object({ id }).strict(),
  'conversations.rename': z.object({ id, title: z.string().trim().min(1).max(500) }).strict(),
  'conversations.update': z
    .object({ id, systemPrompt: z.string().max(200_000).optional(), sampling: sampling.optional() })
    .strict(),
  'conversations.delete': z.object({ id }).strict(),
  'chat.send': z
    .object({ conversationId: id, content: z.string().trim().min(1).max(1_000_000) })
    .strict(),
  'chat.regenerate': z.object({ conversationId: id }).strict(),
  'chat.stop': z.object({ streamId: id }).strict(),
  'chat.attach': z.object({ streamId: id }).strict(),
  'chat.active': empty,
  'engine.status': empty,
  'engine.load': z
    .object({
      path: z.string().min(1).max(4096),
      contextSize: z.number().int().min(64).max(1_048_576).optional(),
      gpuLayers: z.union([z.number().int().min(0).max(1000), z.literal('auto')]).optional(),
    })
    .strict(),
  'engine.unload': empty,
  'system.browse': z.object({ path: z.string().max(4096).optional() }).strict(),
  'system.openModelDialog': empty,
} satisfies { [K in keyof CoreMethods]: z.ZodType };

/** Run-time validation of every method's params (the server rejects anything else). */
export const apiSchemas = {
  ...coreSchemas,
  ...toolSchemas,
  ...chatExtrasSchemas,
  ...librarySchemas,
  ...personaSchemas,
} satisfies { [K in MethodName]: z.ZodType } as unknown as ParamSchemas<TalariaMethods>;

export const samplingSchema = sampling;
