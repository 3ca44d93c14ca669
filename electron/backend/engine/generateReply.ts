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
  const kept = session.chatWrapper;
  if (kept instanceof HermesChatWrapper) {
    const { model, sequence, specialTokens } = session;
    // Only these fields: the caller's request also carries the raw sampling params.
    const { messages, tools, jsonSchema } = request;
    const input = { ...common, messages, tools, jsonSchema };
    // The app's sequence has the model's kept chat and wrapper (one reply at a time holds it);
    // an API sequence, running beside it, gets its own for this reply.
    if (session.chat.sequence === sequence) {
      const hermes = { llama, model, sequence, chat: session.chat, wrapper: kept, specialTokens };
      return runHermesGeneration(hermes, input);
    }
    const wrapper = new HermesChatWrapper({
      specialTokens,
      templates: kept.templates,
      ...(kept.eosToken !== undefined && { eosToken: kept.eosToken }),
    });
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: wrapper });
    try {
      return await runHermesGeneration(
        { llama, model, sequence, chat, wrapper, specialTokens },
        input,
      );
    } finally {
      chat.dispose({ disposeSequence: false });
    }
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
