import { LlamaChat, type Llama } from 'node-llama-cpp';
import { TalariaError } from '../../../shared/contract/errors';
import type { LoadedModelInfo } from '../../../shared/contract/types';
import type { HermesMessage } from '../../../shared/hermes';
import {
  runChatGeneration,
  type ChatGenerationInput,
  type ChatGenerationOutcome,
  type ChatSession,
} from './chatGeneration';
import type { EngineToolOptions, GrammarSchema } from './engineProtocol';
import { HermesChatWrapper } from './hermes/HermesChatWrapper';
import { runHermesGeneration } from './hermes/hermesGeneration';

export interface ReplySession extends ChatSession {
  info: LoadedModelInfo;
  /** The Hermes tags the model holds as special tokens. */
  specialTokens: string[];
}

export interface ReplyRequest {
  messages: HermesMessage[];
  tools?: EngineToolOptions;
  jsonSchema?: GrammarSchema;
}

/**
 * One reply with the loaded model: Hermes models go through the Hermes wrapper (tools and JSON
 * mode included); other models get node-llama-cpp's own wrapper and plain chat only.
 */
export async function generateReply(
  llama: Llama,
  session: ReplySession,
  request: ReplyRequest,
  common: Omit<ChatGenerationInput, 'messages'>,
): Promise<ChatGenerationOutcome> {
  const wrapper = session.chatWrapper;
  if (wrapper instanceof HermesChatWrapper) {
    const { model, sequence, chat, specialTokens } = session;
    // Only these fields: the caller's request also carries the raw sampling params.
    const { messages, tools, jsonSchema } = request;
    return runHermesGeneration(
      { llama, model, sequence, chat, wrapper, specialTokens },
      { ...common, messages, tools, jsonSchema },
    );
  }
  if (request.tools || request.jsonSchema) {
    throw new TalariaError(
      'UNSUPPORTED',
      `Tool calling and JSON mode need a Hermes (ChatML) model; ${session.info.name} uses the ` +
        `${session.info.chatWrapper} format.`,
    );
  }
  // The kept LlamaChat lives on the app's sequence; another sequence gets one for this reply.
  if (session.chat.sequence === session.sequence) {
    return runChatGeneration(session, { ...common, messages: request.messages });
  }
  const chat = new LlamaChat({
    contextSequence: session.sequence,
    chatWrapper: session.chatWrapper,
  });
  try {
    return await runChatGeneration({ ...session, chat }, { ...common, messages: request.messages });
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}
