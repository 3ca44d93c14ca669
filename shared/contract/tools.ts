import type { Message } from './types';

/**
 * Function calling, JSON mode and the prompt inspector (issue 4). Tool calls use the Hermes
 * format: the model writes `<tool_call>\n{"name": …, "arguments": {…}}\n</tool_call>`, Talaria
 * runs the tool and feeds the result back in a `tool` turn (or a `user` turn, per conversation).
 */

/** A JSON Schema object (tool parameters, JSON-mode output). */
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
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** The role tool results are sent back in. Some Hermes fine-tunes want 'user'. */
export type ToolResponseRole = 'tool' | 'user';
/** A conversation's choice: a role, or 'model' for the loaded model's library setting. */
export type ToolResponseRoleSetting = ToolResponseRole | 'model';

/**
 * What a user-defined tool does when called (Talaria runs no user code):
 * - 'canned': answers `response` at once;
 * - 'ask': pauses the loop on the call (status 'awaiting-user') until `chat.resolveToolCall`.
 */
export type ToolMock = { mode: 'canned'; response: string } | { mode: 'ask' };

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

export type ToolMethods = {
  /** The conversation's defined tools, the built-ins and its tool settings. NOT_FOUND. */
  'tools.list': {
    params: { conversationId: string };
    result: {
      tools: ToolDefinition[];
      builtins: BuiltinTool[];
      settings: ConversationToolSettings;
    };
  };
  /** The built-in offline tools. */
  'tools.builtins': { params: Record<string, never>; result: { builtins: BuiltinTool[] } };
  /**
   * Defines a tool (enabled at once). Errors: INVALID_INPUT when the name is not an identifier,
   * clashes with another tool or a built-in, or the parameters are not a valid JSON Schema.
   */
  'tools.define': {
    params: {
      conversationId: string;
      name: string;
      description?: string;
      parameters?: JsonSchemaObject;
      mock?: ToolMock;
    };
    result: ToolDefinition;
  };
  /** Changes a defined tool; same checks as `tools.define`. */
  'tools.update': {
    params: {
      id: string;
      name?: string;
      description?: string;
      parameters?: JsonSchemaObject;
      mock?: ToolMock;
    };
    result: ToolDefinition;
  };
  'tools.remove': { params: { id: string }; result: { ok: true } };
  /**
   * Imports OpenAI `tools` JSON (an array, `{tools: [...]}`, or that as text). All or nothing:
   * INVALID_INPUT lists every bad entry. Imported tools answer 'ask' unless `mock` is given.
   */
  'tools.import': {
    params: { conversationId: string; tools: unknown; replace?: boolean; mock?: ToolMock };
    result: { tools: ToolDefinition[] };
  };
  /** The conversation's defined tools (and, if asked, enabled built-ins) as OpenAI `tools` JSON. */
  'tools.export': {
    params: { conversationId: string; includeBuiltins?: boolean };
    result: { tools: OpenAiTool[] };
  };
  /** The example JSON Schemas for JSON mode. */
  'tools.jsonSchemaExamples': {
    params: Record<string, never>;
    result: { examples: JsonSchemaExample[] };
  };
  /** Checks a JSON Schema: compiles it, and lists what the generation grammar will not enforce. */
  'tools.checkSchema': {
    params: { schema: unknown };
    result: { valid: boolean; error: string | null; unenforced: SchemaIssue[] };
  };
  /** Changes the conversation's tool settings (only the given fields). */
  'conversations.setTools': {
    params: { conversationId: string } & Partial<Omit<ConversationToolSettings, 'jsonMode'>>;
    result: ConversationToolSettings;
  };
  /**
   * Turns JSON mode on (with a schema) or off (`schema: null`). INVALID_INPUT for a schema that
   * does not compile. Returns the settings and the keywords the grammar will not enforce.
   */
  'chat.setJsonMode': {
    params: { conversationId: string; schema: JsonSchemaObject | null; maxRetries?: number };
    result: { settings: ConversationToolSettings; unenforced: SchemaIssue[] };
  };
  /**
   * Answers a call paused by an 'ask' mock: optionally with edited arguments (validated against
   * the tool's schema), and the response text the model gets. The loop then goes on. Also
   * answers a call still awaiting from before Talaria last closed: its tool turn is then written
   * and the reply goes on in a new stream. Errors: NOT_FOUND, INVALID_INPUT (not awaiting the
   * user, arguments invalid), NO_MODEL_LOADED / BUSY (when the answer would start the reply; the
   * call keeps waiting).
   */
  'chat.resolveToolCall': {
    params: { callId: string; arguments?: Record<string, unknown>; response: string };
    result: ToolCallRecord;
  };
  /** All tool calls of a conversation, oldest first (they also come on `Message.toolCalls`). */
  'chat.toolCalls': { params: { conversationId: string }; result: { calls: ToolCallRecord[] } };
  /** The exact prompt the model saw before writing an assistant message, and its token count. */
  'chat.promptFor': { params: { messageId: string }; result: PromptInspection };
};

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
