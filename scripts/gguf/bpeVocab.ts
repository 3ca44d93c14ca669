import { ENGLISH_CORPUS } from './englishCorpus';
import { TokenType } from './ggufConstants';

/** The Hermes 3 / ChatML control tokens, in vocabulary order (they sit at the end). */
export const SPECIAL_TOKENS = [
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|im_start|>',
  '<|im_end|>',
  '<tool_call>',
  '</tool_call>',
  '<tool_response>',
  '</tool_response>',
] as const;

export type SpecialToken = (typeof SPECIAL_TOKENS)[number];

export interface TestVocab {
  tokens: string[];
  tokenTypes: number[];
  /** "left right" pairs in rank order, as `tokenizer.ggml.merges` stores them. */
  merges: string[];
  specialIds: Record<SpecialToken, number>;
}

export interface TestVocabOptions {
  /** Upper bound on trained merges (training stops earlier when no pair repeats). */
  maxMerges: number;
  /** Pads the vocabulary with filler tokens up to this size (for benchmark-shaped models). */
  padTo?: number;
}

/** GPT-2's reversible byte → printable character table, in GPT-2's own token order. */
export function byteLevelAlphabet(): { byteToChar: string[]; order: number[] } {
  const order: number[] = [];
  const push = (from: number, to: number) => {
    for (let b = from; b <= to; b++) order.push(b);
  };
  push(0x21, 0x7e);
  push(0xa1, 0xac);
  push(0xae, 0xff);
  const byteToChar = new Array<string>(256);
  for (const b of order) byteToChar[b] = String.fromCodePoint(b);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    if (byteToChar[b] !== undefined) continue;
    byteToChar[b] = String.fromCodePoint(256 + next++);
    order.push(b);
  }
  return { byteToChar, order };
}

/** llama.cpp's "llama-bpe" (Llama 3) pre-tokenizer split, without the case-insensitive group. */
const PRE_TOKENIZE =
  /'[sStTmMdD]|'(?:re|ve|ll|RE|VE|LL)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

function trainMerges(corpus: string, maxMerges: number, byteToChar: string[]): string[] {
  const counts = new Map<string, number>();
  for (const piece of corpus.match(PRE_TOKENIZE) ?? []) {
    const encoded = Array.from(Buffer.from(piece, 'utf8'), (b) => byteToChar[b] ?? '').join('');
    counts.set(encoded, (counts.get(encoded) ?? 0) + 1);
  }
  const words = [...counts].map(([word, count]) => ({ symbols: Array.from(word), count }));
  const merges: string[] = [];
  while (merges.length < maxMerges) {
    const pairs = new Map<string, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]} ${symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + count);
      }
    }
    let best: string | null = null;
    let bestCount = 1;
    for (const [key, count] of pairs) {
      if (count > bestCount || (count === bestCount && best !== null && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best === null) break;
    merges.push(best);
    const [left, right] = best.split(' ') as [string, string];
    for (const word of words) word.symbols = applyMerge(word.symbols, left, right);
  }
  return merges;
}

function applyMerge(symbols: string[], left: string, right: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (symbols[i] === left && symbols[i + 1] === right) {
      out.push(left + right);
      i++;
    } else {
      out.push(symbols[i] ?? '');
    }
  }
  return out;
}

/** Byte tokens, trained merges, optional fillers, then the control tokens. Deterministic. */
export function buildTestVocab(options: TestVocabOptions): TestVocab {
  const { byteToChar, order } = byteLevelAlphabet();
  const tokens = order.map((b) => byteToChar[b] ?? '');
  const known = new Set(tokens);
  const merges = trainMerges(ENGLISH_CORPUS, options.maxMerges, byteToChar);
  for (const merge of merges) {
    const merged = merge.replace(' ', '');
    if (!known.has(merged)) {
      known.add(merged);
      tokens.push(merged);
    }
  }
  const target = (options.padTo ?? 0) - SPECIAL_TOKENS.length;
  for (let i = 0; tokens.length < target; i++) {
    const filler = `[filler${i}]`;
    if (!known.has(filler)) tokens.push(filler);
  }
  const tokenTypes = tokens.map(() => TokenType.NORMAL as number);
  const specialIds = {} as Record<SpecialToken, number>;
  for (const special of SPECIAL_TOKENS) {
    specialIds[special] = tokens.length;
    tokens.push(special);
    tokenTypes.push(TokenType.CONTROL);
  }
  return { tokens, tokenTypes, merges, specialIds };
}
