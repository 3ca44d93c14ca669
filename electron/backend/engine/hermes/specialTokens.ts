import { LlamaText, SpecialTokensText, type LlamaModel } from 'node-llama-cpp';

/**
 * The tags of the Hermes format. Hermes GGUFs carry most of them as single special tokens
 * (Hermes 2 Pro added `<tools>`, `<tool_call>`, `<tool_response>` and their closing tags); which
 * ones a given file has is read from its vocabulary with `specialTagsOf`.
 */
export const HERMES_TAGS = [
  '<|im_start|>',
  '<|im_end|>',
  '<tools>',
  '</tools>',
  '<tool_call>',
  '</tool_call>',
  '<tool_response>',
  '</tool_response>',
] as const;

/** The ChatML turn tags every Hermes model has as special tokens. */
export const CHATML_TAGS: readonly string[] = ['<|im_start|>', '<|im_end|>'];

/**
 * The candidates the model's vocabulary holds as one special token: tokenized with special-token
 * parsing they are a single token, as plain text they are several.
 */
export function specialTagsOf(
  model: LlamaModel,
  candidates: readonly string[] = HERMES_TAGS,
): string[] {
  return candidates.filter(
    (tag) => model.tokenize(tag, true).length === 1 && model.tokenize(tag, false).length > 1,
  );
}

/**
 * Turns prompt text into a LlamaText whose special-token strings are SpecialTokensText. llama.cpp
 * tokenizes a string with special-token parsing by first cutting it at every special token and
 * then tokenizing the pieces between; splitting at exactly the model's special tokens therefore
 * yields the same tokens as `model.tokenize(text, true)` for the Hermes tags.
 */
export function toLlamaText(text: string, specialTokens: readonly string[]): LlamaText {
  if (specialTokens.length === 0 || text === '') return LlamaText(text);
  const alternatives = [...specialTokens]
    .sort((a, b) => b.length - a.length)
    .map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${alternatives.join('|')})`);
  const special = new Set(specialTokens);
  const parts = text
    .split(pattern)
    .filter((part) => part !== '')
    .map((part) => (special.has(part) ? new SpecialTokensText(part) : part));
  return LlamaText(parts);
}
