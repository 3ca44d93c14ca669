import { basename } from 'node:path';
import { LlamaChat, type ChatWrapper, type LlamaContext, type LlamaModel } from 'node-llama-cpp';
import type { LoadedModelInfo, LoadModelOptions } from '../../../shared/contract/types';
import type { ChatSession } from './chatGeneration';
import { specialTagsOf } from './hermes/specialTokens';
import { SequencePool } from './SequencePool';
import { parameterCountOf } from './runtimeUtils';

/** Context size when the caller does not choose: enough for chat, small enough for RAM. */
const DEFAULT_MAX_CONTEXT = 8192;

export interface LoadedModel extends ChatSession {
  context: LlamaContext;
  info: LoadedModelInfo;
  /** The Hermes tags this model holds as special tokens. */
  specialTokens: string[];
  /** Sequence 0 (`sequence`, the app's) and the API's sequences. */
  pool: SequencePool;
}

export interface PrepareModelOptions {
  sizeBytes: number;
  fileInfo: LlamaModel['fileInfo'];
  /** Threads when the load options do not say. */
  threads: number;
  chatWrapperFor: (model: LlamaModel) => ChatWrapper;
}

/** Creates the context, sequence and chat of a loaded model and describes it. */
export async function prepareModel(
  model: LlamaModel,
  options: LoadModelOptions,
  { sizeBytes, fileInfo, threads, chatWrapperFor }: PrepareModelOptions,
): Promise<LoadedModel> {
  const apiSequences = options.parallel ?? 0;
  const context = await model.createContext({
    sequences: 1 + apiSequences,
    contextSize:
      options.contextSize === 'auto'
        ? 'auto'
        : (options.contextSize ?? { max: DEFAULT_MAX_CONTEXT }),
    threads: options.threads ?? threads,
    ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    ...(options.flashAttention !== undefined && { flashAttention: options.flashAttention }),
  });
  const sequence = context.getSequence();
  const pool = new SequencePool(
    sequence,
    Array.from({ length: apiSequences }, () => context.getSequence()),
  );
  const chatWrapper = chatWrapperFor(model);
  const chat = new LlamaChat({ contextSequence: sequence, chatWrapper });
  const tokenizerMeta = fileInfo.metadata.tokenizer as Record<string, unknown> | undefined;
  const info: LoadedModelInfo = {
    path: options.path,
    name: basename(options.path),
    sizeBytes,
    architecture: fileInfo.metadata.general?.architecture ?? null,
    contextSize: context.contextSize,
    trainContextSize: model.trainContextSize || null,
    parameterCount: parameterCountOf(model),
    chatWrapper: chatWrapper.wrapperName,
    hasToolUseTemplate: typeof tokenizerMeta?.['chat_template.tool_use'] === 'string',
  };
  const specialTokens = specialTagsOf(model);
  return { model, context, sequence, chat, chatWrapper, info, specialTokens, pool };
}
