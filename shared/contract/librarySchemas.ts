import { z } from 'zod';
import type { LibraryMethods } from './library';

const empty = z.object({}).strict();
const repoId = z.string().min(3).max(200);
const revision = z.string().min(1).max(200);
const jobId = z.string().min(1).max(100);
const modelId = z.string().min(1).max(2048);

/** Per-model load settings; the backend checks them again with its own bounds. */
const loadSettings = z
  .object({
    gpuLayers: z.union([z.literal('auto'), z.number().int().min(0).max(1024)]),
    contextSize: z.union([z.literal('auto'), z.number().int().min(128).max(4_194_304)]),
    flashAttention: z.boolean(),
    threads: z.number().int().min(1).max(1024).nullable(),
    batchSize: z.number().int().min(1).max(1_048_576).nullable(),
    toolResponseRole: z.enum(['tool', 'user']),
  })
  .partial()
  .strict();

/** Run-time validation of the model library's methods. */
export const librarySchemas = {
  'library.catalog': empty,
  'hub.search': z
    .object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() })
    .strict(),
  'hub.repo': z
    .object({
      repoId,
      revision: revision.optional(),
      contextSize: z.number().int().min(128).max(4_194_304).optional(),
      flashAttention: z.boolean().optional(),
      fit: z.boolean().optional(),
    })
    .strict(),
  'hub.setToken': z.object({ token: z.string().trim().min(1).max(1000).nullable() }).strict(),
  'hub.tokenStatus': empty,
  'downloads.start': z
    .object({
      repoId,
      file: z.string().min(1).max(1024).optional(),
      quant: z.string().min(1).max(40).optional(),
      revision: revision.optional(),
    })
    .strict(),
  'downloads.pause': z.object({ id: jobId }).strict(),
  'downloads.resume': z.object({ id: jobId }).strict(),
  'downloads.cancel': z.object({ id: jobId }).strict(),
  'downloads.list': empty,
  'library.list': empty,
  'library.picker': empty,
  'library.import': z
    .object({
      path: z.string().trim().min(1).max(4096),
      mode: z.enum(['copy', 'hardlink', 'symlink']).optional(),
    })
    .strict(),
  'library.delete': z.object({ id: modelId }).strict(),
  'library.getSettings': z.object({ id: modelId }).strict(),
  'library.setSettings': z.object({ id: modelId, settings: loadSettings }).strict(),
  'library.load': z.object({ id: modelId, settings: loadSettings.optional() }).strict(),
} satisfies { [K in keyof LibraryMethods]: z.ZodType };
