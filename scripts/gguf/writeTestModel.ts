import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTestVocab, byteLevelAlphabet, SPECIAL_TOKENS, type TestVocab } from './bpeVocab';
import type { TensorType } from './ggufConstants';
import { writeGgufFile, type GgufMetadata, type GgufTensorSource } from './ggufWriter';
import { llamaMetadata } from './llamaMetadata';
import { MODEL_SHAPES, type ModelShapeName } from './llamaShapes';
import { llamaTensorPlans, type LogitSteering } from './llamaTensors';
import { deriveSeed } from './prng';
import { tensorChunks } from './tensorData';

export interface TestModelOptions {
  /** Output path; the file appears atomically (written to a temp name, then renamed). */
  out: string;
  /** Seed of every random weight; same options + seed → byte-identical file. Default 1. */
  seed?: number;
  /** 'tiny' (64-dim, 2 blocks, loads and generates in milliseconds) or a benchmark shape. */
  shape?: ModelShapeName;
  /** Tensor type of the matrices; defaults to f32 for tiny and q4_0 for llama-3.2-3b. */
  quant?: TensorType;
  /** `general.name`. */
  name?: string;
  /** Metadata keys to leave out, e.g. to make llama.cpp reject or abort on the file. */
  omitKeys?: readonly string[];
  /** Tensor names to leave out (llama.cpp then fails the load with "missing tensor"). */
  omitTensors?: readonly string[];
  /** Leave out `tokenizer.chat_template.tool_use`. */
  withoutToolUseTemplate?: boolean;
  /** `tokenizer.chat_template` instead of Hermes 3's; null leaves the key out. */
  chatTemplate?: string | null;
  /** `tokenizer.chat_template.tool_use` instead of Hermes 3's; null leaves the key out. */
  toolUseTemplate?: string | null;
  /**
   * Logit weight of the end-of-turn token (shapes with an output matrix: tiny, streaming). 0
   * (default) makes it as likely as any token; 40 makes the model end its turn at once; -40 makes
   * it never end on its own.
   */
  eosBias?: number;
}

const DEFAULT_NAMES: Record<ModelShapeName, string> = {
  tiny: 'Talaria Tiny Hermes',
  streaming: 'Talaria Streaming Hermes',
  'llama-3.2-3b': 'Talaria Llama-3.2-3B Shape',
};

const templatesDir = resolve(dirname(fileURLToPath(import.meta.url)), 'templates');

/** The Hermes 3 chat templates the generated models carry (copies of the shipped GGUF's). */
export function hermesTemplates(): { chatTemplate: string; toolUseTemplate: string } {
  return {
    chatTemplate: readFileSync(resolve(templatesDir, 'hermes3-default.jinja'), 'utf8'),
    toolUseTemplate: readFileSync(resolve(templatesDir, 'hermes3-tool-use.jinja'), 'utf8'),
  };
}

/** Byte tokens that would produce broken text alone, and the control tokens other than eos. */
function unwantedTokens(vocab: TestVocab): Set<number> {
  const { order } = byteLevelAlphabet();
  const banned = new Set<number>();
  order.forEach((byte, id) => {
    if (byte >= 0x80 || byte === 0x7f || (byte < 0x20 && byte !== 0x0a)) banned.add(id);
  });
  for (const special of SPECIAL_TOKENS) {
    if (special !== '<|im_end|>') banned.add(vocab.specialIds[special]);
  }
  return banned;
}

/** Metadata and tensor sources of a test model, before anything touches the disk. */
export function buildTestModel(options: Omit<TestModelOptions, 'out'>): {
  metadata: GgufMetadata;
  tensors: GgufTensorSource[];
} {
  const seed = options.seed ?? 1;
  const shapeName = options.shape ?? 'tiny';
  const shape = MODEL_SHAPES[shapeName];
  const type = options.quant ?? shape.defaultType;
  const vocab = buildTestVocab({ maxMerges: 500, padTo: shape.vocabSize });
  const templates = hermesTemplates();

  const omitKeys = new Set(options.omitKeys ?? []);
  const metadata = llamaMetadata({
    name: options.name ?? DEFAULT_NAMES[shapeName],
    shape,
    type,
    vocab,
    chatTemplate:
      options.chatTemplate !== undefined ? options.chatTemplate : templates.chatTemplate,
    toolUseTemplate: options.withoutToolUseTemplate
      ? null
      : options.toolUseTemplate !== undefined
        ? options.toolUseTemplate
        : templates.toolUseTemplate,
  }).filter(([key]) => !omitKeys.has(key));

  const steering: LogitSteering | null = shape.tiedEmbeddings
    ? null
    : {
        bannedTokens: unwantedTokens(vocab),
        eosTokenId: vocab.specialIds['<|im_end|>'],
        eosBias: options.eosBias ?? 0,
      };
  const omitTensors = new Set(options.omitTensors ?? []);
  const tensors = llamaTensorPlans(shape, vocab.tokens.length, type, steering)
    .filter((plan) => !omitTensors.has(plan.name))
    .map((plan) => ({ plan, chunks: () => tensorChunks(plan, deriveSeed(seed, plan.name)) }));
  return { metadata, tensors };
}

/** Writes a deterministic random-weight llama GGUF with the Hermes vocabulary and templates. */
export async function writeTestModel(options: TestModelOptions): Promise<string> {
  const { metadata, tensors } = buildTestModel(options);
  const out = resolve(options.out);
  await mkdir(dirname(out), { recursive: true });
  const temp = `${out}.${randomUUID()}.partial`;
  try {
    await writeGgufFile(temp, metadata, tensors);
    await rename(temp, out);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return out;
}
