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
  const reason = llamaReason ?? errorMessage(error);
  return new TalariaError('LOAD_FAILED', `Cannot load ${name}: ${reason}`, { path });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
