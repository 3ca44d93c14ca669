import type { ChatWrapper, LlamaChat, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type { ChatTurn, StopReason } from '../../../shared/contract/types';
import { toChatHistory } from './chatHistory';
import type { GenerationMeter } from './GenerationMeter';
import { errorMessage, toStopReason } from './runtimeUtils';
import type { SamplingOptions } from './samplingOptions';

/** The parts of a loaded model one chat generation uses. */
export interface ChatSession {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  chat: LlamaChat;
  chatWrapper: ChatWrapper;
}

export interface ChatGenerationInput {
  messages: ChatTurn[];
  sampling: SamplingOptions;
  meter: GenerationMeter;
  signal: AbortSignal;
  onText: (text: string, completionTokens: number) => void;
}

export interface ChatGenerationOutcome {
  text: string;
  stopReason: StopReason;
  prompt: { promptTokens: number; evaluatedPromptTokens: number };
}

/** One LlamaChat response; an abort ends it with the partial text, never with an error. */
export async function runChatGeneration(
  session: ChatSession,
  input: ChatGenerationInput,
): Promise<ChatGenerationOutcome> {
  const history = toChatHistory(input.messages);
  const promptTokens = session.chatWrapper
    .generateContextState({ chatHistory: history })
    .contextText.tokenize(session.model.tokenizer).length;
  const meterBefore = session.sequence.tokenMeter.getState();
  const promptCounts = () => {
    // The meter splits decoded tokens into "input" and "output" (those that produced logits).
    const used = session.sequence.tokenMeter.diff(meterBefore);
    const decoded = used.usedInputTokens + used.usedOutputTokens;
    // Generated tokens fed back into the context are decoded too; take them out.
    const fedBack = Math.max(0, session.sequence.contextTokens.length - promptTokens);
    return { promptTokens, evaluatedPromptTokens: Math.max(0, decoded - fedBack) };
  };

  let streamed = '';
  try {
    const response = await session.chat.generateResponse(history, {
      ...input.sampling,
      signal: input.signal,
      stopOnAbortSignal: true,
      trimWhitespaceSuffix: false,
      onToken: (tokens) => input.meter.onTokens(tokens.length),
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
    // LlamaChat throws instead of returning when the abort lands before the first token.
    if (input.signal.aborted)
      return { text: streamed, stopReason: 'abort', prompt: promptCounts() };
    throw new TalariaError('INTERNAL', `Generation failed: ${errorMessage(error)}`);
  }
}
