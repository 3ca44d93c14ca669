import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTestModel, type TestModelOptions } from '../gguf/writeTestModel';

/** Seed of the shared test models; tests that need other weights write their own files. */
export const TEST_MODEL_SEED = 1;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const generatorDir = resolve(repoRoot, 'scripts', 'gguf');

/** Where the cached test models live (gitignored). */
export const TEST_MODELS_DIR = join(repoRoot, '.cache', 'models');

function newestGeneratorChange(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(generatorDir);
  return newest;
}

/**
 * Writes the model unless an up-to-date copy exists. A copy older than the generator's sources is
 * rewritten, so a generator change never leaves tests on stale bytes. writeTestModel renames a
 * finished temp file into place, so parallel workers never see half a file.
 */
async function ensureModel(fileName: string, options: Omit<TestModelOptions, 'out'>) {
  const path = join(TEST_MODELS_DIR, fileName);
  try {
    if (statSync(path).mtimeMs >= newestGeneratorChange()) return path;
  } catch {
    // Missing: write it below.
  }
  return writeTestModel({ ...options, out: path });
}

/** The tiny Hermes-vocabulary llama model (loads and generates in milliseconds). */
export function ensureTinyModel(): Promise<string> {
  return ensureModel(`tiny-hermes-${TEST_MODEL_SEED}.gguf`, { seed: TEST_MODEL_SEED });
}

/** A tiny model whose end-of-turn token wins every step: generation stops with eos at once. */
export function ensureEagerEosModel(): Promise<string> {
  return ensureModel(`tiny-hermes-eager-eos-${TEST_MODEL_SEED}.gguf`, {
    seed: TEST_MODEL_SEED,
    eosBias: 40,
  });
}

/**
 * A ~128 MB model that never ends its turn and streams at a visible pace (tens of tokens per
 * second on a small CPU), for UI tests that watch tokens arrive and press stop. Its file name
 * contains "streaming".
 */
export function ensureStreamingModel(): Promise<string> {
  return ensureModel(`streaming-hermes-${TEST_MODEL_SEED}.gguf`, {
    seed: TEST_MODEL_SEED,
    shape: 'streaming',
    eosBias: -40,
  });
}

/**
 * The benchmark model: Llama-3.2-3B dimensions and vocabulary size in Q4_0 (about 1.8 GB of
 * random weights, streamed to disk in about 20 s the first time).
 */
export function ensureBenchModel(): Promise<string> {
  return ensureModel(`bench-llama-3.2-3b-q4_0-${TEST_MODEL_SEED}.gguf`, {
    seed: TEST_MODEL_SEED,
    shape: 'llama-3.2-3b',
    quant: 'q4_0',
  });
}

/**
 * A tiny model without `llama.feed_forward_length`: llama.cpp aborts the whole process when it
 * loads this file, so only load it in a child process or after validating the header.
 */
export function ensureBrokenModel(): Promise<string> {
  return ensureModel(`broken-no-ff-length-${TEST_MODEL_SEED}.gguf`, {
    seed: TEST_MODEL_SEED,
    omitKeys: ['llama.feed_forward_length'],
  });
}
