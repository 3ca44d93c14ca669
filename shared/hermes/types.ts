/** A JSON Schema object as found in OpenAI-style tool definitions. */
export type JsonSchema = { [key: string]: unknown };

/** The function part of an OpenAI-style tool definition. */
export interface HermesFunction {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object (`type: "object"` with `properties`). */
  parameters?: JsonSchema;
  /** transformers' get_json_schema() adds the return type; the Hermes template renders it. */
  return?: JsonSchema;
}

/** An OpenAI-style tool (`{type: "function", function}`) or a bare function definition. */
export type HermesTool = { type?: 'function'; function: HermesFunction } | HermesFunction;

/** A tool call in an assistant message, OpenAI shape (the `function` wrapper is optional). */
export type HermesToolCall =
  | {
      id?: string;
      type?: 'function';
      function: { name: string; arguments?: string | Record<string, unknown> };
    }
  | { name: string; arguments?: string | Record<string, unknown> };

/** One chat message in the OpenAI chat shape. */
export interface HermesMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Assistant only. When present (even empty) the tool template drops `content`, as Hermes 3 does. */
  tool_calls?: HermesToolCall[];
  /** Tool only; not rendered, kept for OpenAI compatibility. */
  name?: string;
  tool_call_id?: string;
}

export interface RenderHermesPromptOptions {
  /** Non-empty: render the Hermes 3 `tool_use` template; otherwise the default ChatML one. */
  tools?: HermesTool[];
  /** Append `<|im_start|>assistant\n`. Default true. */
  addGenerationPrompt?: boolean;
  /** Default `<|begin_of_text|>` (Hermes 3 on Llama 3.1). */
  bosToken?: string;
}

/** A tool call parsed from model output. */
export interface ParsedToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /**
   * The call's exact JSON text, set only when `arguments` could not hold it exactly (an integer
   * beyond 2^53, rounded by JavaScript); `warnings` says so.
   */
  raw?: string;
}

/** A `<tool_call>` body that could not be turned into a call. */
export interface ToolCallParseError {
  /** The text between the tags, untrimmed. */
  raw: string;
  message: string;
}

export interface ParseToolCallsResult {
  /** The text outside the tool-call tags, trimmed. */
  content: string;
  calls: ParsedToolCall[];
  errors: ToolCallParseError[];
  /** Calls kept but not exactly as written (e.g. integers beyond 2^53), one line each. */
  warnings: string[];
}

export type ToolCallValidation =
  | { ok: true }
  | {
      ok: false;
      /** One line per problem. */
      errors: string[];
      /** A single message fit to send back to the model as the tool result. */
      message: string;
    };
