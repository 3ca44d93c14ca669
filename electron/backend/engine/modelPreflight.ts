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
      : `its GGUF metadata is unreadable (${message})`;
    throw new TalariaError('LOAD_FAILED', `Cannot load ${name}: ${reason}.`, { path });
  }

  const missing = missingRequiredKeys(fileInfo);
  if (missing.length > 0) {
    throw new TalariaError(
      'LOAD_FAILED',
      `Cannot load ${name}: the file is malformed, it is missing ${missing.join(', ')}.`,
      { path, missingKeys: missing },
    );
  }
  return { fileInfo, sizeBytes };
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
