import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readGgufFileInfo, type GgufFileInfo } from 'node-llama-cpp';
import { TalariaError } from '../../../../shared/contract/errors';
import { missingRequiredKeys } from '../../engine/modelPreflight';
import { formatBytes } from './diskSpace';
import { expectedFileSize } from './ggufIntegrity';

export interface ValidatedGguf {
  fileInfo: GgufFileInfo;
  sizeBytes: number;
}

/**
 * Checks that one GGUF file is whole and loadable before it enters the library: the GGUF magic, a
 * readable header, the keys llama.cpp cannot load without (a missing one can abort the process)
 * and enough bytes for every tensor the header declares. Failures are INVALID_INPUT with a reason
 * the user can act on.
 */
export async function validateGgufFile(path: string): Promise<ValidatedGguf> {
  const name = basename(path);
  const reject = (reason: string, details: Record<string, unknown> = {}) =>
    new TalariaError('INVALID_INPUT', `Cannot use ${name}: ${reason}.`, { path, ...details });
  let sizeBytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw reject('it is not a file');
    sizeBytes = info.size;
  } catch (error) {
    if (error instanceof TalariaError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw reject(code === 'ENOENT' ? 'the file does not exist' : `it cannot be read (${code})`);
  }
  let fileInfo: GgufFileInfo;
  try {
    fileInfo = await readGgufFileInfo(path, {
      sourceType: 'filesystem',
      logWarnings: false,
      spliceSplitFiles: false,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw message.includes('Invalid GGUF magic')
      ? reject('it is not a GGUF model file')
      : reject(`its GGUF header is unreadable or cut short (${message})`);
  }
  const missing = missingRequiredKeys(fileInfo);
  if (missing.length > 0) {
    throw reject(`the model is malformed, it is missing ${missing.join(', ')}`, {
      missingKeys: missing,
    });
  }
  const expected = expectedFileSize(fileInfo);
  if (expected !== null && sizeBytes < expected) {
    throw reject(
      `the file is truncated (${formatBytes(sizeBytes)} of the ${formatBytes(expected)} its header declares); download it again`,
      { sizeBytes, expectedBytes: expected },
    );
  }
  return { fileInfo, sizeBytes };
}
