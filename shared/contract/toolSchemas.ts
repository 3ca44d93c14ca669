import { z } from 'zod';
import type { ToolMethods } from './tools';

const id = z.string().min(1).max(200);
const empty = z.object({}).strict();
const jsonSchema = z.record(z.string(), z.unknown());
const toolName = z.string().min(1).max(200);

const mock = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('canned'), response: z.string().max(1_000_000) }).strict(),
  z.object({ mode: z.literal('ask') }).strict(),
]);

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ name: toolName }).strict(),
]);

/** Run-time validation of the tool, JSON-mode and prompt-inspector methods' params. */
export const toolSchemas = {
  'tools.list': z.object({ conversationId: id }).strict(),
  'tools.builtins': empty,
  'tools.define': z
    .object({
      conversationId: id,
      name: toolName,
      description: z.string().max(100_000).optional(),
      parameters: jsonSchema.optional(),
      mock: mock.optional(),
    })
    .strict(),
  'tools.update': z
    .object({
      id,
      name: toolName.optional(),
      description: z.string().max(100_000).optional(),
      parameters: jsonSchema.optional(),
      mock: mock.optional(),
    })
    .strict(),
  'tools.remove': z.object({ id }).strict(),
  'tools.import': z
    .object({
      conversationId: id,
      tools: z.unknown(),
      replace: z.boolean().optional(),
      mock: mock.optional(),
    })
    .strict(),
  'tools.export': z
    .object({ conversationId: id, includeBuiltins: z.boolean().optional() })
    .strict(),
  'tools.jsonSchemaExamples': empty,
  'tools.checkSchema': z.object({ schema: z.unknown() }).strict(),
  'conversations.setTools': z
    .object({
      conversationId: id,
      enabled: z.array(toolName).max(200).optional(),
      toolChoice: toolChoice.optional(),
      guaranteedArguments: z.boolean().optional(),
      maxDepth: z.number().int().min(1).max(20).optional(),
      toolResponseRole: z.enum(['model', 'tool', 'user']).optional(),
      timeoutMs: z.number().int().min(100).max(600_000).optional(),
    })
    .strict(),
  'chat.setJsonMode': z
    .object({
      conversationId: id,
      schema: jsonSchema.nullable(),
      maxRetries: z.number().int().min(0).max(5).optional(),
    })
    .strict(),
  'chat.resolveToolCall': z
    .object({ callId: id, arguments: jsonSchema.optional(), response: z.string().max(1_000_000) })
    .strict(),
  'chat.toolCalls': z.object({ conversationId: id }).strict(),
  'chat.promptFor': z.object({ messageId: id }).strict(),
} satisfies { [K in keyof ToolMethods]: z.ZodType };
