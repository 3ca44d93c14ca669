import { TalariaError } from '../../../../shared/contract/errors';
import type { DownloadRequest } from '../downloadTypes';
import { groupGgufFiles } from '../ggufFileNames';
import type { GgufModelFile, HubFileEntry } from '../hubTypes';
import { assertRepoFilePath } from '../repoPaths';

/**
 * The model a download request names among a repo's files: the group holding `file` (all parts of
 * a split model), or the model with the `quant` asked for. Every part's name is checked.
 */
export function pickModel(
  request: DownloadRequest,
  entries: readonly HubFileEntry[],
): GgufModelFile {
  const models = groupGgufFiles(entries);
  let model: GgufModelFile | undefined;
  if (request.file !== undefined) {
    assertRepoFilePath(request.file);
    model = models.find((m) => m.parts.some((p) => p.path === request.file));
    if (!model) {
      const exists = entries.some((e) => e.path === request.file);
      throw exists
        ? new TalariaError('INVALID_INPUT', `${request.file} is not a GGUF model file.`)
        : new TalariaError(
            'MODEL_NOT_FOUND',
            `File ${request.file} was not found in ${request.repoId}.`,
          );
    }
  } else if (request.quant !== undefined) {
    const quant = request.quant.toUpperCase();
    model = models.find((m) => m.role === 'model' && m.quant === quant);
    if (!model) {
      const available = [...new Set(models.map((m) => m.quant).filter((q) => q !== null))];
      throw new TalariaError(
        'MODEL_NOT_FOUND',
        `${request.repoId} has no ${quant} GGUF. Available: ${available.join(', ') || 'none'}.`,
      );
    }
  } else {
    throw new TalariaError('INVALID_INPUT', 'Name the file or the quantization to download.');
  }
  if (!model.complete) {
    throw new TalariaError(
      'INVALID_INPUT',
      `${model.name} is split into parts and the repo lacks some of them.`,
    );
  }
  for (const part of model.parts) assertRepoFilePath(part.path);
  return model;
}
