import { LlamaCompletion, type LlamaContextSequence, type LlamaModel } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type { ChatGenerationOutcome } from './chatGeneration';
import type { GenerationMeter } from './GenerationMeter';
import { errorMessage, toStopReason } from './runtimeUtils';
import type { SamplingOptions } from './samplingOptions';

export interface RawCompletionInput {
  /** The prompt exactly as given; special-token tags in it are read as special tokens. */
  prompt: string;
  sampling: SamplingOptions;
  meter: GenerationMeter;
  signal: AbortSignal;
  onText: (text: string, completionTokens: number) => void;
}

/**
 * Continues a raw prompt with no chat template (the API's `/v1/completions`). It runs on the
 * loaded model's one sequence, so the KV cache of a shared prefix is reused as in chat.
 */
export async function runRawCompletion(
  session: { model: LlamaModel; sequence: LlamaContextSequence },
  input: RawCompletionInput,
): Promise<ChatGenerationOutcome> {
  const tokens = session.model.tokenize(input.prompt, true);
  const completion = new LlamaCompletion({ contextSequence: session.sequence });
  const before = session.sequence.tokenMeter.getState();
  const promptCounts = () => {
    const used = session.sequence.tokenMeter.diff(before);
    const decoded = used.usedInputTokens + used.usedOutputTokens;
    const fedBack = Math.max(0, session.sequence.contextTokens.length - tokens.length);
    return { promptTokens: tokens.length, evaluatedPromptTokens: Math.max(0, decoded - fedBack) };
  };
  let streamed = '';
  try {
    const response = await completion.generateCompletionWithMeta(tokens, {
      ...input.sampling,
      signal: input.signal,
      stopOnAbortSignal: true,
      onToken: (generated) => input.meter.onTokens(generated.length),
      onTextChunk: (text) => {
        if (text === '') return;
        streamed += text;
        input.onText(text, input.meter.completionTokens);
      },
    });
    return {
      text: response.response,
      stopReason: toStopReason(response.metadata.stopReason),
      prompt: promptCounts(),
    };
  } catch (error) {
    if (input.signal.aborted) {
      return { text: streamed, stopReason: 'abort', prompt: promptCounts() };
    }
    throw new TalariaError('INTERNAL', `Generation failed: ${errorMessage(error)}`);
  } finally {
    completion.dispose({ disposeSequence: false });
  }
}
