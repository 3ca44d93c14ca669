/**
 * Function calling, JSON mode and the prompt inspector. Tool calls use the Hermes format: the
 * model writes `<tool_call>\n{"name": …, "arguments": {…}}\n</tool_call>`, Talaria runs the tool
 * and feeds the result back in a `tool` turn (or a `user` turn, per conversation).
 */
import { z } from 'zod';
import type { MethodsOf } from '../rpc/types';
import { id, method, ok, pageParams, returns } from './define';
import {
  jsonSchemaObject,
  toolChoiceSchema,
  toolMockSchema,
  toolResponseRoleSettingSchema,
  type BuiltinTool,
  type ConversationToolSettings,
  type JsonSchemaExample,
  type OpenAiTool,
  type PromptInspection,
  type SchemaIssue,
  type ToolCallRecord,
  type ToolDefinition,
} from './toolTypes';
import type { Message } from './types';

export * from './toolTypes';

const toolName = z.string().min(1).max(200);
const description = z.string().max(100_000);

export const toolMethods = {
  /**
   * One page of the conversation's defined tools (`total` counts them all), the built-ins and
   * its tool settings. Errors: NOT_FOUND.
   */
  'tools.list': method({
    params: z.object({ conversationId: id, ...pageParams }).strict(),
    result: returns<{
      tools: ToolDefinition[];
      total: number;
      builtins: BuiltinTool[];
      settings: ConversationToolSettings;
    }>(),
    errors: ['NOT_FOUND'],
  }),
  /** The built-in offline tools (calculator, datetime, convert_units, roll_dice). */
  'tools.builtins': method({
    params: z.object({}).strict(),
    result: returns<{ builtins: BuiltinTool[] }>(),
  }),
  /**
   * Defines a tool (enabled at once). Errors: INVALID_INPUT when the name is not an identifier,
   * clashes with another tool or a built-in, or the parameters are not a valid JSON Schema;
   * NOT_FOUND for an unknown conversation.
   */
  'tools.define': method({
    params: z
      .object({
        conversationId: id,
        name: toolName,
        description: description.optional(),
        parameters: jsonSchemaObject.optional(),
        mock: toolMockSchema.optional(),
      })
      .strict(),
    result: returns<ToolDefinition>(),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  }),
  /** Changes a defined tool; same checks as `tools.define`. Errors: INVALID_INPUT, NOT_FOUND. */
  'tools.update': method({
    params: z
      .object({
        id,
        name: toolName.optional(),
        description: description.optional(),
        parameters: jsonSchemaObject.optional(),
        mock: toolMockSchema.optional(),
      })
      .strict(),
    result: returns<ToolDefinition>(),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  }),
  /** Deletes a defined tool. Errors: NOT_FOUND. */
  'tools.remove': method({ params: z.object({ id }).strict(), result: ok, errors: ['NOT_FOUND'] }),
  /**
   * Imports OpenAI `tools` JSON (an array, `{tools: [...]}`, or that as text). All or nothing:
   * INVALID_INPUT lists every bad entry. Imported tools answer 'ask' unless `mock` is given.
   * Errors: INVALID_INPUT, NOT_FOUND.
   */
  'tools.import': method({
    params: z
      .object({
        conversationId: id,
        tools: z.unknown(),
        replace: z.boolean().optional(),
        mock: toolMockSchema.optional(),
      })
      .strict(),
    result: returns<{ tools: ToolDefinition[] }>(),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  }),
  /**
   * The conversation's defined tools (and, if asked, enabled built-ins) as OpenAI `tools` JSON.
   * Errors: NOT_FOUND.
   */
  'tools.export': method({
    params: z.object({ conversationId: id, includeBuiltins: z.boolean().optional() }).strict(),
    result: returns<{ tools: OpenAiTool[] }>(),
    errors: ['NOT_FOUND'],
  }),
  /** The example JSON Schemas for JSON mode (resources/json-schemas). */
  'tools.jsonSchemaExamples': method({
    params: z.object({}).strict(),
    result: returns<{ examples: JsonSchemaExample[] }>(),
  }),
  /** Checks a JSON Schema: compiles it, and lists what the generation grammar will not enforce. */
  'tools.checkSchema': method({
    params: z.object({ schema: z.unknown() }).strict(),
    result: returns<{ valid: boolean; error: string | null; unenforced: SchemaIssue[] }>(),
  }),
  /** Changes the conversation's tool settings (only the given fields). Errors: NOT_FOUND. */
  'conversations.setTools': method({
    params: z
      .object({
        conversationId: id,
        enabled: z.array(toolName).max(200).optional(),
        toolChoice: toolChoiceSchema.optional(),
        guaranteedArguments: z.boolean().optional(),
        maxDepth: z.number().int().min(1).max(20).optional(),
        toolResponseRole: toolResponseRoleSettingSchema.optional(),
        timeoutMs: z.number().int().min(100).max(600_000).optional(),
      })
      .strict(),
    result: returns<ConversationToolSettings>(),
    errors: ['NOT_FOUND'],
  }),
  /**
   * Turns JSON mode on (with a schema) or off (`schema: null`). Returns the settings and the
   * keywords the grammar will not enforce. Errors: INVALID_INPUT for a schema that does not
   * compile, NOT_FOUND.
   */
  'chat.setJsonMode': method({
    params: z
      .object({
        conversationId: id,
        schema: jsonSchemaObject.nullable(),
        maxRetries: z.number().int().min(0).max(5).optional(),
      })
      .strict(),
    result: returns<{ settings: ConversationToolSettings; unenforced: SchemaIssue[] }>(),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  }),
  /**
   * Answers a call paused by an 'ask' mock: optionally with edited arguments (validated against
   * the tool's schema), and the response text the model gets. The loop then goes on. Also
   * answers a call still awaiting from before Talaria last closed: its tool turn is then written
   * and the reply goes on in a new stream. Errors: NOT_FOUND, INVALID_INPUT (not awaiting the
   * user, arguments invalid), NO_MODEL_LOADED / BUSY (when the answer would start the reply; the
   * call keeps waiting).
   */
  'chat.resolveToolCall': method({
    params: z
      .object({
        callId: id,
        arguments: jsonSchemaObject.optional(),
        response: z.string().max(1_000_000),
      })
      .strict(),
    result: returns<ToolCallRecord>(),
    errors: ['NOT_FOUND', 'INVALID_INPUT', 'NO_MODEL_LOADED', 'BUSY'],
  }),
  /**
   * One page of a conversation's tool calls, oldest first (they also come on
   * `Message.toolCalls`); `total` counts them all.
   */
  'chat.toolCalls': method({
    params: z.object({ conversationId: id, ...pageParams }).strict(),
    result: returns<{ calls: ToolCallRecord[]; total: number }>(),
  }),
  /**
   * The exact prompt the model saw before writing an assistant message (the assembled one for
   * a roleplay reply), and its token count. Errors: NOT_FOUND.
   */
  'chat.promptFor': method({
    params: z.object({ messageId: id }).strict(),
    result: returns<PromptInspection>(),
    errors: ['NOT_FOUND'],
  }),
};
export type ToolMethods = MethodsOf<typeof toolMethods>;

export interface ToolCallEvent {
  /** '' when no reply is running (a call answered after a restart that started none). */
  streamId: string;
  conversationId: string;
  /** The call's current state; replaces the card with the same `call.id`. */
  call: ToolCallRecord;
}

/**
 * A message created or changed while a reply is running (tool messages, the next assistant
 * message of a tool loop, a JSON-mode retry that restarts the text). Replaces the client's copy,
 * content included; later `chat.delta` events for its id append to it.
 */
export interface ChatMessageEvent {
  /** '' when no reply is running (a call answered after a restart that started none). */
  streamId: string;
  conversationId: string;
  message: Message;
}

export type ToolEvents = {
  'chat.toolCall': ToolCallEvent;
  'chat.message': ChatMessageEvent;
};
