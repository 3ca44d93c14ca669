import { readGgufFileInfo, type GgufFileInfo, type GgufTensorInfo } from 'node-llama-cpp';
import { TalariaError } from '../../../../shared/contract/errors';
import type { HubClient } from '../HubClient';
import type { GgufModelFile } from '../hubTypes';

export interface RemoteReadOptions {
  revision?: string;
  signal?: AbortSignal;
}

/**
 * Reads a GGUF's header (and, for split models, every part's tensor table) from the Hub by byte
 * ranges. Each URL is resolved by our HubClient first, so the token goes only to the Hub and
 * never follows the redirect to the CDN; node-llama-cpp's own token lookup (HF_TOKEN, ~/.cache)
 * is switched off.
 */
export async function readRemoteGgufInfo(
  hub: HubClient,
  repoId: string,
  model: GgufModelFile,
  options: RemoteReadOptions = {},
): Promise<GgufFileInfo> {
  const infos: GgufFileInfo[] = [];
  for (const part of model.parts) {
    const resolved = await hub.resolveFile(
      repoId,
      part.path,
      options.revision ?? 'main',
      options.signal,
    );
    try {
      infos.push(
        await readGgufFileInfo(resolved.url, {
          sourceType: 'network',
          fetchHeaders: hub.authHeadersFor(resolved.url),
          // `null` (not undefined) stops node-llama-cpp from reading HF_TOKEN or the token file.
          tokens: { huggingFace: null as unknown as string },
          endpoints: { huggingFace: hub.endpoint.href },
          spliceSplitFiles: false,
          logWarnings: false,
          fetchRetryOptions: { retries: 2, minTimeout: 200, maxTimeout: 2000 },
          signal: options.signal,
        }),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new TalariaError(
        message.includes('Invalid GGUF magic') ? 'INVALID_INPUT' : 'DOWNLOAD_FAILED',
        message.includes('Invalid GGUF magic')
          ? `${part.path} is not a GGUF model file.`
          : `Cannot read the header of ${part.path}: ${message}`,
      );
    }
  }
  return splice(infos);
}

/** One file info for a split model: the first part's metadata and every part's tensors. */
function splice(infos: GgufFileInfo[]): GgufFileInfo {
  const [first, ...rest] = infos;
  if (!first) throw new TalariaError('INVALID_INPUT', 'The model has no files.');
  if (rest.length === 0) return first;
  const tensors: GgufTensorInfo[] = infos.flatMap((info, index) =>
    (info.tensorInfo ?? []).map((t) => ({ ...t, filePart: index + 1 })),
  );
  return {
    ...first,
    splicedParts: infos.length,
    totalTensorCount: infos.reduce((n, i) => n + Number(i.tensorCount), 0),
    totalMetadataSize: infos.reduce((n, i) => n + i.metadataSize, 0),
    totalTensorInfoSize: infos.reduce((n, i) => n + (i.tensorInfoSize ?? 0), 0),
    fullTensorInfo: tensors,
    sourceData: infos.flatMap((i) => i.sourceData),
  };
}
