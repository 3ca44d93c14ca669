import { readGgufFileInfo } from 'node-llama-cpp';
import {
  renderModelPrompt,
  type HermesMessage,
  type HermesTool,
  type ModelChatTemplates,
  type RenderedModelPrompt,
} from '../../../../shared/hermes';

/** What of a GGUF's metadata decides the prompt text: its templates and its BOS/EOS tokens. */
export interface ModelPromptInfo {
  templates: ModelChatTemplates;
  /** The BOS token's text, or null where the vocabulary has none. */
  bosText: string | null;
  eosText: string | null;
  /** `tokenizer.ggml.add_bos_token` (llama.cpp's default for a llama vocabulary: true). */
  addBos: boolean;
}

export interface ModelPromptOptions {
  tools?: readonly HermesTool[];
  addGenerationPrompt?: boolean;
}

export interface ModelPromptText extends RenderedModelPrompt {
  /** The BOS text `text` starts with because llama.cpp adds that token; null when it adds none. */
  bos: string | null;
}

/**
 * Reads the chat templates from GGUF metadata as node-llama-cpp parses it: `tokenizer.chat_template`,
 * `tokenizer.chat_template.tool_use`, and the named ones `tokenizer.chat_templates` lists
 * (`tokenizer.chat_template.<name>`), of which `tool_use` is the one a tool list selects.
 */
export function modelPromptInfoOf(metadata: unknown): ModelPromptInfo {
  const tokenizer = record(record(metadata)?.['tokenizer']);
  const ggml = record(tokenizer?.['ggml']);
  const text = (key: string): string | null => {
    const value = tokenizer?.[key];
    return typeof value === 'string' ? value : null;
  };
  const tokens = ggml?.['tokens'];
  const token = (key: string): string | null => {
    const id = ggml?.[key];
    return Array.isArray(tokens) && typeof id === 'number' && typeof tokens[id] === 'string'
      ? (tokens[id] as string)
      : null;
  };
  return {
    // `tokenizer.chat_templates` only lists the names; each lives at chat_template.<name>.
    templates: { default: text('chat_template'), toolUse: text('chat_template.tool_use') },
    bosText: token('bos_token_id'),
    eosText: token('eos_token_id'),
    addBos: ggml?.['add_bos_token'] !== false,
  };
}

/**
 * The exact text a model is given, special tokens as text: the BOS token first where llama.cpp
 * adds it (once: the template's own leading `{{ bos_token }}` renders empty, as llama.cpp strips
 * it), then the model's template (or the built-in Hermes format, with `note` saying why).
 * The engine evaluates the same text after its BOS token; the prompt inspector and
 * `talaria prompt` show this.
 */
export function modelPromptText(
  info: ModelPromptInfo,
  messages: readonly HermesMessage[],
  options: ModelPromptOptions = {},
): ModelPromptText {
  const rendered = renderModelPrompt(messages, {
    templates: info.templates,
    tools: options.tools ?? [],
    addGenerationPrompt: options.addGenerationPrompt ?? true,
    bosToken: '',
    eosToken: info.eosText ?? '<|im_end|>',
  });
  const bos = info.addBos ? info.bosText : null;
  return { ...rendered, text: (bos ?? '') + rendered.text, bos };
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

const infoCache = new Map<string, Promise<ModelPromptInfo | null>>();

/** The prompt info of the GGUF at `path` (metadata only, cached per path); null if unreadable. */
export function readModelPromptInfo(path: string): Promise<ModelPromptInfo | null> {
  let info = infoCache.get(path);
  if (!info) {
    info = readGgufFileInfo(path, { readTensorInfo: false }).then(
      (file) => modelPromptInfoOf(file.metadata),
      () => null,
    );
    if (infoCache.size > 8) infoCache.clear();
    infoCache.set(path, info);
  }
  return info;
}
