import { z } from 'zod';
import type { CatalogEntry } from '../../../shared/contract/library';
import catalogJson from '../../../resources/catalog/hermes.json';

const entrySchema = z
  .object({
    repoId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/),
    title: z.string().min(1),
    family: z.string().min(1),
    parameters: z.string().min(1),
    baseModel: z.string().min(1),
    description: z.string().min(1).max(140),
    contextLength: z.number().int().positive(),
    toolUse: z.boolean(),
  })
  .strict();

const catalogSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema).min(1) });

/** The curated Hermes repositories (resources/catalog/hermes.json), checked on first use. */
export function hermesCatalog(source: unknown = catalogJson): CatalogEntry[] {
  return catalogSchema.parse(source).entries.map((entry) => ({ ...entry }));
}
