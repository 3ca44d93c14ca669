/** Characters per token of English text with Llama 3's tokenizer, roughly. */
const CHARS_PER_TOKEN = 4.2;

/** A quick token estimate for text not yet sent; counting exactly would block typing. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** "48,000" for big counts (the estimate is not exact), "812" for small ones. */
function roughly(tokens: number): string {
  const rounded = tokens >= 10_000 ? Math.round(tokens / 1000) * 1000 : tokens;
  return rounded.toLocaleString('en-US');
}

/**
 * The warning a draft gets before it is sent when it would not fit the loaded model's context
 * (with a little room left for the reply), or null when it fits.
 */
export function longInputWarning(text: string, contextSize: number | null): string | null {
  if (contextSize === null || text.length < contextSize) return null;
  const tokens = estimateTokens(text);
  if (tokens <= contextSize * 0.9) return null;
  return `About ${roughly(tokens)} tokens; the context holds ${contextSize.toLocaleString('en-US')}. The model would see only part of it — shorten it, or load the model with a larger context.`;
}
