import { basename } from 'node:path';
import { InsufficientMemoryError, type Llama, type LlamaModel } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type { ComputeBackend, StopReason } from '../../../shared/contract/types';

export function toStopReason(reason: string): StopReason {
  if (reason === 'maxTokens') return 'maxTokens';
  if (reason === 'abort') return 'abort';
  // eogToken, stopGenerationTrigger, customStopTrigger, functionCalls: the model ended its turn.
  return 'eos';
}

export function backendOf(gpu: Llama['gpu']): ComputeBackend {
  return gpu === false ? 'cpu' : gpu;
}

/** Counted from the tensor shapes in the header, so it costs no evaluation. */
export function parameterCountOf(model: LlamaModel): number | null {
  try {
    const count = model.fileInsights.totalParameters;
    return Number.isFinite(count) && count > 0 ? count : null;
  } catch {
    return null;
  }
}

export function toLoadError(
  error: unknown,
  path: string,
  llamaReason: string | null,
): TalariaError {
  if (error instanceof TalariaError) return error;
  const name = basename(path);
  if (error instanceof InsufficientMemoryError) {
    return new TalariaError('INSUFFICIENT_MEMORY', `Not enough memory to load ${name}.`, { path });
  }
  const raw = llamaReason ?? errorMessage(error);
  return new TalariaError('LOAD_FAILED', `Cannot load ${name}: ${loadFailureSentence(raw)}`, {
    path,
    libraryMessage: raw,
  });
}

/** llama.cpp's and node-llama-cpp's wording, said the way a user can act on it. */
export function loadFailureSentence(raw: string): string {
  if (/not within the file bounds|truncat|RangeError|out of range|unexpected end|EOF/i.test(raw)) {
    return 'the file is truncated or damaged. Download it again.';
  }
  if (/unknown (model )?architecture/i.test(raw)) {
    const architecture = /architecture:?\s*'?([\w.-]+)'?/i.exec(raw)?.[1];
    return `llama.cpp does not support this model's architecture${architecture ? ` (${architecture})` : ''}.`;
  }
  if (/missing tensor|wrong number of tensors|wrong shape/i.test(raw)) {
    return 'the file lacks tensors this kind of model needs; it is damaged or was converted wrongly.';
  }
  if (/failed to (allocate|load)|out of memory|cudaMalloc|vk::/i.test(raw)) {
    return 'llama.cpp could not load it (it may not fit in memory, or the file is damaged).';
  }
  return `llama.cpp refused it (${raw.replace(/^llama_model_loader:\s*/, '').slice(0, 200)}).`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
