import { z } from 'zod';
import type { PersonaMethods } from './personas';

const id = z.string().min(1).max(200);
const empty = z.object({}).strict();
const nullableId = id.nullable();
const name = z.string().trim().min(1).max(200);
const longText = z.string().max(200_000);
/** A `data:image/…;base64,` URL; the backend checks the bytes. */
const avatar = z
  .string()
  .max(8 * 1024 * 1024)
  .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, 'expected an image data URL')
  .nullable();
/** Card and lorebook objects are checked field by field by shared/cards, which says what is wrong. */
const jsonObject = z.record(z.string(), z.unknown());

const presetInput = z
  .object({
    name,
    description: z.string().max(2000).optional(),
    systemPrompt: longText,
    postHistoryInstructions: longText.optional(),
  })
  .strict();

/** Run-time validation of the preset, character, persona and lorebook methods. */
export const personaSchemas = {
  'presets.list': empty,
  'presets.save': z.object({ id: id.optional(), preset: presetInput }).strict(),
  'presets.duplicate': z.object({ id }).strict(),
  'presets.delete': z.object({ id }).strict(),
  'presets.import': z.object({ text: z.string().min(1).max(5_000_000) }).strict(),
  'presets.export': z.object({ ids: z.array(id).min(1).max(1000) }).strict(),
  'presets.getDefault': z.object({ modelId: z.string().min(1).max(2048).optional() }).strict(),
  'presets.setDefault': z
    .object({ modelId: z.string().min(1).max(2048).optional(), presetId: nullableId })
    .strict(),

  'characters.list': z
    .object({ query: z.string().max(200).optional(), tag: z.string().max(200).optional() })
    .strict(),
  'characters.get': z.object({ id }).strict(),
  'characters.import': z
    .object({
      fileName: z.string().min(1).max(500),
      // 50 MiB of card file as base64.
      data: z.string().min(1).max(70_000_000),
      avatar: avatar.optional(),
    })
    .strict(),
  'characters.save': z
    .object({ id: id.optional(), card: jsonObject, avatar: avatar.optional() })
    .strict(),
  'characters.delete': z.object({ id }).strict(),
  'characters.export': z.object({ id, format: z.enum(['png', 'json', 'charx']) }).strict(),
  'characters.startChat': z
    .object({ characterId: id, personaId: nullableId.optional(), presetId: nullableId.optional() })
    .strict(),

  'personas.list': empty,
  'personas.save': z
    .object({
      id: id.optional(),
      persona: z
        .object({ name, description: longText.optional(), avatar: avatar.optional() })
        .strict(),
    })
    .strict(),
  'personas.delete': z.object({ id }).strict(),
  'personas.setDefault': z.object({ id: nullableId }).strict(),

  'lorebooks.list': empty,
  'lorebooks.get': z.object({ id }).strict(),
  'lorebooks.save': z.object({ id: id.optional(), name, book: jsonObject }).strict(),
  'lorebooks.delete': z.object({ id }).strict(),
  'lorebooks.import': z
    .object({ fileName: z.string().min(1).max(500), text: z.string().min(1).max(20_000_000) })
    .strict(),
  'lorebooks.export': z.object({ id }).strict(),

  'roleplay.get': z.object({ conversationId: id }).strict(),
  'roleplay.set': z
    .object({
      conversationId: id,
      presetId: nullableId.optional(),
      characterId: nullableId.optional(),
      personaId: nullableId.optional(),
      lorebookIds: z.array(id).max(100).optional(),
    })
    .strict(),
  'roleplay.assemblyFor': z.object({ messageId: id }).strict(),
  'chat.impersonate': z.object({ conversationId: id }).strict(),
  'chat.stopImpersonation': z.object({ conversationId: id }).strict(),
} satisfies { [K in keyof PersonaMethods]: z.ZodType };
