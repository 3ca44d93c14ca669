import { z } from 'zod';

/**
 * Function calling, JSON mode and the prompt inspector (issue 4). Tool calls use the Hermes
 * format: the model writes `<tool_call>\n{"name": …, "arguments": {…}}\n</tool_call>`, Talaria
 * runs the tool and feeds the result back in a `tool` turn (or a `user` turn, per conversation).
 */

/** A JSON Schema object (tool parameters, JSON-mode output). */
export const jsonSchemaObject = z.record(z.string(), z.unknown());
export type JsonSchemaObject = { [key: string]: unknown };

/**
 * Which tool the model must call in the first step of a reply:
 * - 'auto': the model decides;
 * - 'none': tools are announced but calls are suppressed;
 * - 'required': the reply starts with a call to one of the enabled tools;
 * - `{name}`: the reply starts with a call to that tool.
 * Forcing applies to the first model step of each reply only; the steps after tool results run
 * as 'auto', so a forced loop can finish.
 */
export const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ name: z.string().min(1).max(200) }).strict(),
]);
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

/** The role tool results are sent back in. Some Hermes fine-tunes want 'user'. */
export type ToolResponseRole = 'tool' | 'user';
/** A conversation's choice: a role, or 'model' for the loaded model's library setting. */
export const toolResponseRoleSettingSchema = z.enum(['model', 'tool', 'user']);
export type ToolResponseRoleSetting = z.infer<typeof toolResponseRoleSettingSchema>;

/**
 * What a user-defined tool does when called (Talaria runs no user code):
 * - 'canned': answers `response` at once;
 * - 'ask': pauses the loop on the call (status 'awaiting-user') until `chat.resolveToolCall`.
 */
export const toolMockSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('canned'), response: z.string().max(1_000_000) }).strict(),
  z.object({ mode: z.literal('ask') }).strict(),
]);
export type ToolMock = z.infer<typeof toolMockSchema>;

/** A tool the user defined for one conversation. */
export interface ToolDefinition {
  id: string;
  conversationId: string;
  /** An identifier (`[A-Za-z_][A-Za-z0-9_]*`, at most 64 characters), unique in the conversation. */
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchemaObject;
  mock: ToolMock;
  createdAt: number;
  updatedAt: number;
}

/** One of Talaria's offline tools (calculator, datetime, convert_units, roll_dice). */
export interface BuiltinTool {
  name: string;
  description: string;
  parameters: JsonSchemaObject;
}

/** A tool in OpenAI's `tools` JSON, the import/export format. */
export interface OpenAiTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: JsonSchemaObject };
}

/** A schema keyword the generation grammar does not enforce (the output is still validated). */
export interface SchemaIssue {
  /** JSON Pointer of the schema location, e.g. `/properties/zip`. */
  path: string;
  keyword: string;
  message: string;
}

export interface JsonModeSettings {
  /** The JSON Schema the reply must match. */
  schema: JsonSchemaObject;
  /** Extra attempts when the output does not validate (0–5, default 2). */
  maxRetries: number;
}

/** Per-conversation tool settings. */
export interface ConversationToolSettings {
  /** Names of the tools offered to the model: built-in names and defined tools' names. */
  enabled: string[];
  toolChoice: ToolChoice;
  /**
   * Grammar-constrain each call to its tool's parameter schema (keywords the grammar cannot
   * enforce are listed by `tools.checkSchema`; every call is validated either way).
   */
  guaranteedArguments: boolean;
  /** Tool turns per reply before the loop stops (1–20, default 5, as the reference loop). */
  maxDepth: number;
  /**
   * Where tool results go: 'model' (default) follows the loaded model's load setting (the
   * Hermes 3 3B abliterated card wants 'user'); 'tool' or 'user' override it for this chat.
   */
  toolResponseRole: ToolResponseRoleSetting;
  /** A call still running after this many milliseconds fails with a timeout (default 10 000). */
  timeoutMs: number;
  /** JSON mode; when set, replies are JSON-mode replies and no tools are offered. */
  jsonMode: JsonModeSettings | null;
}

export type ToolCallStatus = 'pending' | 'running' | 'done' | 'error' | 'awaiting-user';

/** One tool call, as recorded in the conversation and drawn as a call card. */
export interface ToolCallRecord {
  id: string;
  conversationId: string;
  /** The assistant message whose output holds the call. */
  messageId: string;
  /** The tool message that carries the result to the model; null until it exists. */
  resultMessageId: string | null;
  /** Position of the call in its message (0-based). */
  index: number;
  /** Loop step that produced it (1 = the model's first answer to the user). */
  depth: number;
  /** Tool name; '' when the call could not be parsed. */
  name: string;
  /** Parsed arguments; null when the call could not be parsed. */
  arguments: Record<string, unknown> | null;
  /** The text between `<tool_call>` and `</tool_call>`. */
  raw: string;
  status: ToolCallStatus;
  /** The text sent back to the model (the tool message content); null until known. */
  result: string | null;
  /** Why the call failed (parse error, unknown tool, invalid arguments, exception, timeout). */
  error: string | null;
  durationMs: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The outcome of a JSON-mode reply, stored on its message. */
export interface JsonModeResult {
  /** The output parsed and matched the schema. */
  valid: boolean;
  /** The parsed JSON (null when it did not parse). */
  value: unknown;
  /** Validation or parse errors of the last attempt, one line each. */
  errors: string[];
  /** Generations made (1 + retries used). */
  attempts: number;
  /** Schema keywords the grammar did not enforce. */
  unenforced: SchemaIssue[];
}

/** One of the example schemas shipped in resources/json-schemas. */
export interface JsonSchemaExample {
  /** The file name without `.json`. */
  id: string;
  title: string;
  description: string;
  schema: JsonSchemaObject;
  /** What the generation grammar will not enforce in it. */
  unenforced: SchemaIssue[];
}

/** The prompt a message was generated from. */
export interface PromptInspection {
  messageId: string;
  /** The exact prompt text (BOS and special-token tags included) before the model's reply. */
  prompt: string;
  /** Tokens of `prompt` in the loaded model's tokenizer; null when no model is loaded. */
  tokenCount: number | null;
  /** The tags the loaded model has as special tokens (for highlighting); [] without a model. */
  specialTokens: string[];
  /**
   * Set when the prompt was not rendered with the loaded model's own chat template, saying why
   * ("rendered with Talaria's Hermes 3 format: this model's template fails on union types").
   */
  renderNote?: string | null;
}
