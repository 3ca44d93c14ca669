import { z } from 'zod';
import type { CharacterBook, CharacterCardV3 } from '../cards';

/**
 * Run-time shapes of a V3 character card and its lorebook, as `characters.save` and
 * `lorebooks.save` accept them. Unknown fields pass through (the specs require that they
 * survive); shared/cards normalizes and checks the values further.
 */

const text = z.string().max(1_000_000);
const short = z.string().max(10_000);
const strings = z.array(short).max(10_000);
const extensions = z.record(z.string(), z.unknown());

export const characterBookEntrySchema = z.looseObject({
  keys: strings,
  content: text,
  extensions,
  enabled: z.boolean(),
  insertion_order: z.number(),
  use_regex: z.boolean(),
  case_sensitive: z.boolean().optional(),
  constant: z.boolean().optional(),
  name: short.optional(),
  priority: z.number().optional(),
  id: z.union([z.number(), z.string().max(200)]).optional(),
  comment: short.optional(),
  selective: z.boolean().optional(),
  secondary_keys: strings.optional(),
  position: short.optional(),
});

export const characterBookSchema = z.looseObject({
  name: short.optional(),
  description: text.optional(),
  scan_depth: z.number().int().min(0).optional(),
  token_budget: z.number().int().min(0).optional(),
  recursive_scanning: z.boolean().optional(),
  extensions,
  entries: z.array(characterBookEntrySchema).max(10_000),
}) satisfies z.ZodType<CharacterBook>;

const assetSchema = z.looseObject({
  type: short,
  uri: z.string().max(10_000_000),
  name: short,
  ext: short,
});

export const characterCardV3Schema = z.looseObject({
  spec: z.literal('chara_card_v3'),
  spec_version: z.literal('3.0'),
  data: z.looseObject({
    name: short,
    description: text,
    personality: text,
    scenario: text,
    first_mes: text,
    mes_example: text,
    creator_notes: text,
    system_prompt: text,
    post_history_instructions: text,
    alternate_greetings: z.array(text).max(1000),
    character_book: characterBookSchema.optional(),
    tags: strings,
    creator: short,
    character_version: short,
    extensions,
    group_only_greetings: z.array(text).max(1000),
    assets: z.array(assetSchema).max(1000).optional(),
    nickname: short.optional(),
    creator_notes_multilingual: z.record(z.string(), text).optional(),
    source: strings.optional(),
    creation_date: z.number().optional(),
    modification_date: z.number().optional(),
  }),
}) satisfies z.ZodType<CharacterCardV3>;
