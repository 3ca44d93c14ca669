import { z } from 'zod';
import { MAX_IMPORT_TEXT_CHARS, type ChatExtrasMethods } from './chatExtras';

const id = z.string().min(1).max(200);
const title = z.string().trim().min(1).max(500);

/** Run-time validation of the branch, search, export and import methods' params. */
export const chatExtrasSchemas = {
  'conversations.page': z
    .object({
      limit: z.number().int().min(0).max(10_000).optional(),
      offset: z.number().int().min(0).optional(),
    })
    .strict(),
  'conversations.pin': z.object({ id, pinned: z.boolean() }).strict(),
  'conversations.duplicate': z.object({ id, title: title.optional() }).strict(),
  'conversations.fork': z.object({ messageId: id, title: title.optional() }).strict(),
  'conversations.view': z
    .object({ id, last: z.number().int().min(1).max(1_000_000).optional() })
    .strict(),
  'conversations.branches': z.object({ id }).strict(),
  'conversations.search': z
    .object({
      query: z.string().max(1000),
      limit: z.number().int().min(0).max(500).optional(),
      offset: z.number().int().min(0).max(10_000).optional(),
      order: z.enum(['relevance', 'recent']).optional(),
    })
    .strict(),
  'conversations.export': z
    .object({
      id: id.optional(),
      all: z.boolean().optional(),
      format: z.enum(['md', 'json']).optional(),
    })
    .strict()
    .refine((p) => (p.id !== undefined) !== (p.all === true), {
      message: 'Give either a conversation id or all: true',
    }),
  'conversations.import': z.object({ text: z.string().max(MAX_IMPORT_TEXT_CHARS) }).strict(),
  'messages.reveal': z.object({ messageId: id }).strict(),
  'messages.delete': z.object({ messageId: id }).strict(),
  'chat.edit': z
    .object({ messageId: id, content: z.string().trim().min(1).max(1_000_000) })
    .strict(),
  'chat.continue': z.object({ conversationId: id }).strict(),
} satisfies { [K in keyof ChatExtrasMethods]: z.ZodType };
