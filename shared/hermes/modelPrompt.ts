import { JinjaTemplate } from './jinjaTemplate';
import { renderHermesPrompt } from './renderHermesPrompt';
import type { HermesMessage, HermesTool } from './types';

/** The chat templates a GGUF carries (`tokenizer.chat_template*` metadata). */
export interface ModelChatTemplates {
  /** `tokenizer.chat_template`. */
  default?: string | null;
  /** `tokenizer.chat_template.tool_use` (or `tokenizer.chat_templates` naming `tool_use`). */
  toolUse?: string | null;
}

export interface RenderModelPromptOptions {
  templates?: ModelChatTemplates | null;
  tools?: readonly HermesTool[];
  /** Append the assistant turn opening. Default true. */
  addGenerationPrompt?: boolean;
  /** What the template's `bos_token` renders as ("" when the engine adds BOS as a token). */
  bosToken?: string;
  eosToken?: string;
}

export interface RenderedModelPrompt {
  text: string;
  /** `model`: the GGUF's own template; `builtin`: Talaria's Hermes 3 renderer. */
  renderer: 'model' | 'builtin';
  /** Which of the model's templates was used. */
  template: 'default' | 'tool_use' | null;
  /** Why the built-in renderer was used, in words for the prompt inspector; null otherwise. */
  note: string | null;
}

const BUILTIN = "rendered with Talaria's Hermes 3 format";
const compiled = new Map<string, JinjaTemplate>();

/**
 * The prompt a model is given: its own chat template (the `tool_use` one when tools are given
 * and it has one), rendered as transformers would, or Talaria's Hermes 3 renderer where the model
 * has no template or its template fails. Known template failures: the Hermes tool_use template's
 * `json_to_python_type` recurses forever on a union type such as `["integer", "null"]` (a string
 * is iterable) and writes `list[Union[]]` for an array whose `items` is an object.
 */
export function renderModelPrompt(
  messages: readonly HermesMessage[],
  options: RenderModelPromptOptions = {},
): RenderedModelPrompt {
  const tools = options.tools ?? [];
  const addGenerationPrompt = options.addGenerationPrompt ?? true;
  const bosToken = options.bosToken ?? '<|begin_of_text|>';
  const builtin = (note: string): RenderedModelPrompt => ({
    text: renderHermesPrompt(messages, { tools: [...tools], addGenerationPrompt, bosToken }),
    renderer: 'builtin',
    template: null,
    note,
  });
  const toolUse = nonEmpty(options.templates?.toolUse);
  const fallback = nonEmpty(options.templates?.default);
  const which = tools.length > 0 && toolUse ? 'tool_use' : fallback ? 'default' : null;
  const source = which === 'tool_use' ? toolUse : fallback;
  if (which === null || source === null) {
    return builtin(`${BUILTIN}: this model has no chat template`);
  }
  if (tools.length > 0 && which === 'default' && !/\btools\b/.test(source)) {
    return builtin(`${BUILTIN}: this model's template does not announce tools`);
  }
  let text: string;
  try {
    text = compile(source).render({
      messages,
      ...(tools.length > 0 && { tools }),
      add_generation_prompt: addGenerationPrompt,
      bos_token: bosToken,
      eos_token: options.eosToken ?? '<|im_end|>',
    });
  } catch (error) {
    if (error instanceof RangeError) {
      return builtin(`${BUILTIN}: this model's template fails on union types`);
    }
    const reason = error instanceof Error ? error.message : String(error);
    return builtin(`${BUILTIN}: this model's template failed (${reason})`);
  }
  if (/\bUnion\[\]/.test(text) && tools.length > 0) {
    return builtin(`${BUILTIN}: this model's template writes an empty Union[] for some types`);
  }
  return { text, renderer: 'model', template: which, note: null };
}

function compile(source: string): JinjaTemplate {
  let template = compiled.get(source);
  if (!template) {
    template = new JinjaTemplate(source);
    if (compiled.size > 16) compiled.clear();
    compiled.set(source, template);
  }
  return template;
}

function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
