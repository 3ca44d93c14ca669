import type { Character, UserPersona } from '../../../shared/contract/personas';
import type { Conversation, Message, SamplingParams } from '../../../shared/contract/types';
import type { CharacterBook } from '../../../shared/cards';
import type { PromptHistoryMessage } from '../../../shared/personas';
import type { EngineAssembleParams } from '../engine/engineProtocol';
import type { RoleplaySource } from './RoleplaySource';

/** The pieces a conversation's prompt is built from, resolved from their ids. */
export interface RoleplaySetup {
  presetPost: string;
  /** The chosen preset, for the inspector's label. */
  preset: { name: string; systemPrompt: string } | null;
  character: Character | null;
  persona: UserPersona | null;
  lorebooks: CharacterBook[];
  warnings: string[];
}

const MACRO = /\{\{[^{}]+\}\}|<USER>|<BOT>|<CHAR>/i;

export function resolveSetup(source: RoleplaySource, conversationId: string): RoleplaySetup {
  const binding = source.binding(conversationId);
  const warnings: string[] = [];
  const preset = binding.presetId ? source.preset(binding.presetId) : null;
  const character = binding.characterId ? source.character(binding.characterId) : null;
  if (binding.characterId && !character) {
    warnings.push('The character of this chat was deleted; it is left out of the prompt.');
  }
  const lorebooks: CharacterBook[] = [];
  for (const id of binding.lorebookIds) {
    const book = source.lorebook(id);
    if (book) lorebooks.push(book.book);
    else warnings.push('A lorebook of this chat was deleted; it is left out of the prompt.');
  }
  return {
    presetPost: preset?.postHistoryInstructions ?? '',
    preset: preset ? { name: preset.name, systemPrompt: preset.systemPrompt } : null,
    character,
    persona: source.persona(binding.personaId),
    lorebooks,
    warnings,
  };
}

/** Whether the prompt needs assembling at all (else the plain path builds the same text). */
export function needsAssembly(setup: RoleplaySetup, conversation: Conversation): boolean {
  return (
    setup.character !== null ||
    setup.persona !== null ||
    setup.lorebooks.length > 0 ||
    setup.presetPost.trim() !== '' ||
    MACRO.test(conversation.systemPrompt)
  );
}

function historyOf(history: readonly Message[]): PromptHistoryMessage[] {
  return history
    .filter((m) => m.content !== '' || m.role === 'user')
    .map((m) => ({ id: m.id, role: m.role, content: m.content }));
}

export interface AssembleRequest {
  conversation: Conversation;
  history: readonly Message[];
  setup: RoleplaySetup;
  sampling: SamplingParams;
  /** The loaded context size. */
  contextSize: number;
  now: number;
  timeZone?: string;
  /** Replaces the post-history instructions (impersonation). */
  postHistoryOverride?: string;
}

/**
 * assemblePrompt's input for the next reply. The budget is the conversation's context length
 * (never more than the loaded context), less room for the reply: the reply's max tokens, capped
 * at a quarter of the context so a long max-tokens setting cannot starve the history.
 */
export function assembleParams(request: AssembleRequest): EngineAssembleParams {
  const { conversation, setup, sampling } = request;
  const contextSize = Math.min(request.contextSize, sampling.contextLength ?? Infinity);
  const reserveForReply = Math.max(
    0,
    Math.min(sampling.maxTokens, Math.floor(contextSize / 4), contextSize - 1),
  );
  let character = setup.character?.card;
  if (character && request.postHistoryOverride !== undefined) {
    character = {
      ...character,
      data: { ...character.data, post_history_instructions: request.postHistoryOverride },
    };
  }
  const persona = setup.persona
    ? { name: setup.persona.name, description: setup.persona.description }
    : undefined;
  return {
    preset: {
      // Named after the preset while the chat's prompt is still the preset's text.
      ...(setup.preset && setup.preset.systemPrompt === conversation.systemPrompt
        ? { name: `System prompt (${setup.preset.name})` }
        : {}),
      systemPrompt: conversation.systemPrompt,
      postHistoryInstructions: request.postHistoryOverride ?? setup.presetPost,
    },
    ...(character ? { character } : {}),
    ...(persona ? { persona } : {}),
    history: historyOf(request.history),
    lorebooks: setup.lorebooks,
    // Users of plain chats may talk about template code; only roleplay expands their messages.
    expandHistoryMacros: setup.character !== null,
    contextSize,
    reserveForReply,
    now: request.now,
    randomSeed: conversation.id,
    ...(request.timeZone ? { timeZone: request.timeZone } : {}),
  };
}
