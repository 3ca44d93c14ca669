/**
 * Data types shared by the backend, the engine process and the renderer. JSON only: no Date,
 * Map or Buffer. Times are epoch milliseconds.
 */

import type { ErrorCode } from './errors';
import type { SamplingParams } from './sampling';
import type { JsonModeResult, ToolCallRecord } from './toolTypes';

export type { ContextPolicy, SamplingParams } from './sampling';

/**
 * The Hermes model cards' generation settings: the cards' inference code calls
 * `generate(max_new_tokens=750, temperature=0.8, repetition_penalty=1.1, do_sample=True)` and
 * leaves top-k/top-p at transformers' defaults (50 / 1.0).
 */
export const HERMES_DEFAULT_SAMPLING: SamplingParams = {
  temperature: 0.8,
  topP: 1,
  topK: 50,
  minP: 0,
  repeatPenalty: 1.1,
  seed: null,
  maxTokens: 750,
};

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** One turn of a conversation as the engine sees it. */
export interface ChatTurn {
  role: ChatRole;
  content: string;
}

/** Why a generation ended. */
export type StopReason = 'eos' | 'maxTokens' | 'abort' | 'error' | 'shutdown';

/** Measured figures of one generation. */
export interface GenerationStats {
  /** Milliseconds from the request reaching the engine to the first generated token. */
  ttftMs: number | null;
  /** Generated tokens per second, measured from the first token to the last. */
  tokensPerSecond: number | null;
  /** Tokens in the prompt the model saw (the whole context before generation). */
  promptTokens: number;
  /** Prompt tokens that actually had to be evaluated (the rest came from the KV cache). */
  evaluatedPromptTokens: number;
  /** Tokens generated. */
  completionTokens: number;
  /** Wall time of the whole generation in milliseconds. */
  durationMs: number;
  stopReason: StopReason;
}

export type MessageStatus = 'complete' | 'streaming' | 'aborted' | 'error' | 'interrupted';

export interface Message {
  id: string;
  conversationId: string;
  /** The message this one answers or follows; null for the first. Branches share a parent. */
  parentId: string | null;
  role: ChatRole;
  content: string;
  status: MessageStatus;
  /** Error text when status is 'error' or 'interrupted'. */
  error: string | null;
  /** File name of the model that wrote an assistant message. */
  model: string | null;
  createdAt: number;
  updatedAt: number;
  stats: GenerationStats | null;
  /**
   * Assistant messages of a tool loop: the calls found in the output, in order. `content` keeps
   * the raw output, `<tool_call>` blocks included (show `parseToolCalls(content).content`).
   */
  toolCalls?: ToolCallRecord[];
  /** JSON-mode replies: the parsed output and its validation. */
  json?: JsonModeResult;
}

export interface Conversation {
  id: string;
  title: string;
  systemPrompt: string;
  /** Per-conversation overrides of the sampling defaults. */
  sampling: Partial<SamplingParams>;
  createdAt: number;
  updatedAt: number;
  /** The leaf of the branch currently shown; null for an empty conversation. */
  activeLeafId: string | null;
}

export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
  /** First characters of the last message, for the sidebar. */
  preview: string;
  /** Pinned conversations head the sidebar (set by `conversations.page`). */
  pinned?: boolean;
}

export type ComputeBackend = 'cpu' | 'cuda' | 'vulkan' | 'metal';

/** What the engine knows about a loaded model. */
export interface LoadedModelInfo {
  path: string;
  /** File name, for display. */
  name: string;
  sizeBytes: number;
  architecture: string | null;
  /** Context size of the created context. */
  contextSize: number;
  /** Context length the model was trained with. */
  trainContextSize: number | null;
  parameterCount: number | null;
  /** Name of the chat wrapper resolved from the model's template (e.g. "ChatML"). */
  chatWrapper: string;
  /** True when the GGUF carries a `tokenizer.chat_template.tool_use` template. */
  hasToolUseTemplate: boolean;
}

export type { LoadModelOptions } from './engine';

export type EngineState = 'stopped' | 'idle' | 'loading' | 'ready' | 'error';

export interface MemoryUse {
  /** Resident memory of the engine process. */
  ramBytes: number;
  /** VRAM in use on the device (0 on CPU). */
  vramUsedBytes: number;
  vramTotalBytes: number;
}

export interface EngineStatus {
  state: EngineState;
  backend: ComputeBackend | null;
  /** GPU name(s) when a GPU backend is in use. */
  gpuNames: string[];
  threads: number;
  model: LoadedModelInfo | null;
  /** Layers actually offloaded for the loaded model. */
  gpuLayers: number;
  memory: MemoryUse | null;
  /**
   * The last load or crash error, shown until the next successful load; `path` is the file a
   * failed load was given.
   */
  lastError: { code: ErrorCode; message: string; path?: string } | null;
}
