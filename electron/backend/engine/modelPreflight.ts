import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readGgufFileInfo, type GgufFileInfo } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';

/**
 * Hyper-parameters llama.cpp reads with a hard assert (or a throw deep inside model loading) for
 * every architecture. A file without them must be rejected before llama.cpp sees it: a missing
 * `feed_forward_length` aborts the whole process.
 */
const ALWAYS_REQUIRED = ['context_length', 'embedding_length', 'block_count'];

/** Extra keys the transformer families we ship for cannot load without. */
const REQUIRED_BY_ARCHITECTURE: Record<string, readonly string[]> = {
  llama: ['feed_forward_length', 'attention.head_count'],
};

export interface PreflightResult {
  fileInfo: GgufFileInfo;
  sizeBytes: number;
}

/** Checks that `path` is a readable GGUF whose header llama.cpp can load without aborting. */
export async function preflightModelFile(path: string): Promise<PreflightResult> {
  const name = basename(path);
  let sizeBytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new TalariaError('LOAD_FAILED', `${name} is not a file.`, { path });
    sizeBytes = info.size;
  } catch (error) {
    if (error instanceof TalariaError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new TalariaError('MODEL_NOT_FOUND', `Model file not found: ${path}`, { path });
    }
    throw new TalariaError('LOAD_FAILED', `Cannot read ${name}: ${errorMessage(error)}`, { path });
  }

  let fileInfo: GgufFileInfo;
  try {
    fileInfo = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false });
  } catch (error) {
    const message = errorMessage(error);
    const reason = message.includes('Invalid GGUF magic')
      ? 'it is not a GGUF model file'
      : /RangeError|out of range|beyond|end of (the )?(file|buffer)/i.test(message)
        ? 'the file is truncated or damaged (its header ends early). Download it again'
        : 'its GGUF header could not be read (the file is damaged or not a model)';
    throw new TalariaError('LOAD_FAILED', `Cannot load ${name}: ${reason}.`, {
      path,
      libraryMessage: message,
    });
  }

  const missing = missingRequiredKeys(fileInfo);
  if (missing.length > 0) {
    throw new TalariaError(
      'LOAD_FAILED',
      `Cannot load ${name}: the file is malformed, it is missing ${missing.join(', ')}.`,
      { path, missingKeys: missing },
    );
  }
  const overrun = firstTensorPastEnd(fileInfo, sizeBytes);
  if (overrun) {
    throw new TalariaError(
      'LOAD_FAILED',
      `Cannot load ${name}: the file is truncated or damaged (its tensor ${overrun.tensor} ends ` +
        `at byte ${overrun.end.toLocaleString('en-US')}, but the file has only ` +
        `${sizeBytes.toLocaleString('en-US')} bytes). Download it again.`,
      { path, ...overrun, sizeBytes },
    );
  }
  return { fileInfo, sizeBytes };
}

/** [elements per block, bytes per block] of the ggml types (ggml's type_traits table). */
const GGML_BLOCKS: Record<number, [number, number]> = {
  0: [1, 4],
  1: [1, 2],
  2: [32, 18],
  3: [32, 20],
  6: [32, 22],
  7: [32, 24],
  8: [32, 34],
  9: [32, 36],
  10: [256, 84],
  11: [256, 110],
  12: [256, 144],
  13: [256, 176],
  14: [256, 210],
  15: [256, 292],
  16: [256, 66],
  17: [256, 74],
  18: [256, 98],
  19: [256, 50],
  20: [32, 18],
  21: [256, 110],
  22: [256, 82],
  23: [256, 136],
  24: [1, 1],
  25: [1, 2],
  26: [1, 4],
  27: [1, 8],
  28: [1, 8],
  29: [256, 56],
  30: [1, 2],
  34: [256, 54],
  35: [256, 66],
  39: [32, 17],
};

/**
 * The first tensor whose data would lie (partly) beyond the end of the file: a truncated
 * download. llama.cpp only notices once the old model is already gone, so it is checked here.
 * A tensor of a type this table does not know is checked by its start alone.
 */
export function firstTensorPastEnd(
  fileInfo: GgufFileInfo,
  sizeBytes: number,
): { tensor: string; end: number } | null {
  for (const tensor of fileInfo.fullTensorInfo ?? fileInfo.tensorInfo ?? []) {
    if (tensor.filePart > 1) continue;
    const start = Number(tensor.fileOffset);
    const block = GGML_BLOCKS[tensor.ggmlType];
    let bytes = 0;
    if (block) {
      const elements = tensor.dimensions.reduce<number>((n, d) => n * Number(d), 1);
      bytes = Math.ceil(elements / block[0]) * block[1];
    }
    if (start + bytes > sizeBytes) return { tensor: tensor.name, end: start + bytes };
  }
  return null;
}

/** Metadata keys llama.cpp needs that the file lacks (or holds as zero / empty). */
export function missingRequiredKeys(fileInfo: GgufFileInfo): string[] {
  const architecture: unknown = fileInfo.metadata.general?.architecture;
  if (typeof architecture !== 'string' || architecture === '') return ['general.architecture'];
  const flat = fileInfo.metadata as unknown as Record<string, unknown>;
  const section = flat[architecture];
  const keys = [...ALWAYS_REQUIRED, ...(REQUIRED_BY_ARCHITECTURE[architecture] ?? [])];
  return keys
    .filter((key) => !isPositive(lookup(section, key)))
    .map((key) => `${architecture}.${key}`);
}

function lookup(section: unknown, dottedKey: string): unknown {
  let value = section;
  for (const part of dottedKey.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** llama.cpp accepts a number or a per-layer array for most of these keys. */
function isPositive(value: unknown): boolean {
  if (typeof value === 'number') return value > 0;
  if (typeof value === 'bigint') return value > 0n;
  if (Array.isArray(value)) return value.length > 0 && value.some((v) => isPositive(v));
  return false;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
