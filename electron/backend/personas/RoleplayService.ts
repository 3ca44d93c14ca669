import { TalariaError } from '../../../shared/contract/errors';
import type {
  Character,
  ConversationCast,
  ConversationRoleplay,
  Lorebook,
  Preset,
  UserPersona,
} from '../../../shared/contract/personas';
import type { Conversation, Message } from '../../../shared/contract/types';
import { greetings, seededRandom } from '../../../shared/personas';
import type { Store } from '../store';
import type { CharacterService } from './CharacterService';
import type { LorebookService } from './LorebookService';
import type { PresetService } from './PresetService';
import type { Emit, PersonaServiceDeps } from './types';
import type { UserPersonaService } from './UserPersonaService';

/** A conversation's roleplay settings with everything they name, for building the prompt. */
export interface ResolvedRoleplay {
  /** As stored, with ids of deleted items read as none. */
  roleplay: ConversationRoleplay;
  preset: Preset | null;
  character: Character | null;
  /** The conversation's persona, else the default one. */
  persona: UserPersona | null;
  /** The standalone books, in the order chosen (the character's own book is in its card). */
  lorebooks: Lorebook[];
}

export interface StartChatOptions {
  characterId: string;
  /** Absent or null: the default persona. */
  personaId?: string | null;
  /** Absent: the default preset; null: none. */
  presetId?: string | null;
}

export interface RoleplayServiceDeps extends PersonaServiceDeps {
  presets: PresetService;
  characters: CharacterService;
  personas: UserPersonaService;
  lorebooks: LorebookService;
}

const speaker = (item: { id: string; name: string; avatar: string | null } | null) =>
  item ? { id: item.id, name: item.name, avatar: item.avatar } : null;

/** What each conversation uses: preset, character, persona and lorebooks; character chats. */
export class RoleplayService {
  private readonly store: Store;
  private readonly emit: Emit;
  private readonly now: () => number;
  private readonly presets: PresetService;
  private readonly characters: CharacterService;
  private readonly personas: UserPersonaService;
  private readonly lorebooks: LorebookService;

  constructor(deps: RoleplayServiceDeps) {
    this.store = deps.store;
    this.emit = deps.emit;
    this.now = deps.now ?? Date.now;
    this.presets = deps.presets;
    this.characters = deps.characters;
    this.personas = deps.personas;
    this.lorebooks = deps.lorebooks;
  }

  /**
   * The conversation's settings with ids of deleted items read as none (cheap: nothing is
   * loaded); NOT_FOUND for an unknown conversation.
   */
  settings(conversationId: string): ConversationRoleplay {
    this.requireConversation(conversationId);
    const stored = this.store.roleplay.get(conversationId);
    const keep = (id: string | null, exists: (id: string) => unknown): string | null =>
      id !== null && exists(id) ? id : null;
    return {
      conversationId,
      presetId: keep(stored.presetId, (id) => this.presets.find(id)),
      characterId: keep(stored.characterId, (id) => this.store.characters.speaker(id)),
      personaId: keep(stored.personaId, (id) => this.store.personas.get(id)),
      lorebookIds: stored.lorebookIds.filter((id) => this.store.lorebooks.exists(id)),
    };
  }

  /** Names and avatars for the message list; NOT_FOUND for an unknown conversation. */
  cast(conversationId: string): ConversationCast {
    const roleplay = this.settings(conversationId);
    const character = roleplay.characterId
      ? this.store.characters.speaker(roleplay.characterId)
      : null;
    const persona = roleplay.personaId
      ? this.personas.find(roleplay.personaId)
      : this.personas.defaultPersona();
    return { roleplay, character: speaker(character), persona: speaker(persona) };
  }

  /** Everything the conversation's prompt is built from; NOT_FOUND for an unknown conversation. */
  resolve(conversationId: string): ResolvedRoleplay {
    const roleplay = this.settings(conversationId);
    return {
      roleplay,
      preset: roleplay.presetId ? this.presets.find(roleplay.presetId) : null,
      character: roleplay.characterId ? this.characters.find(roleplay.characterId) : null,
      persona: roleplay.personaId
        ? this.personas.find(roleplay.personaId)
        : this.personas.defaultPersona(),
      lorebooks: roleplay.lorebookIds
        .map((id) => this.lorebooks.find(id))
        .filter((book): book is Lorebook => book !== null),
    };
  }

  /**
   * Changes what a conversation uses; unknown ids are NOT_FOUND. Choosing a preset copies its
   * system prompt into the conversation, where the user may then edit it.
   */
  set(
    params: { conversationId: string } & Partial<Omit<ConversationRoleplay, 'conversationId'>>,
  ): ConversationCast {
    const { conversationId, presetId, characterId, personaId, lorebookIds } = params;
    this.requireConversation(conversationId);
    const preset = typeof presetId === 'string' ? this.presets.get(presetId) : null;
    if (typeof characterId === 'string') this.characters.get(characterId);
    if (typeof personaId === 'string') this.personas.get(personaId);
    for (const id of lorebookIds ?? []) this.lorebooks.get(id);
    this.store.db.transaction(() => {
      this.store.roleplay.set(conversationId, { presetId, characterId, personaId, lorebookIds });
      if (preset) {
        this.store.conversations.update(conversationId, { systemPrompt: preset.systemPrompt });
      }
    })();
    this.emit('conversations.changed', { id: conversationId });
    return this.cast(conversationId);
  }

  /**
   * A new conversation titled with the character's name, with the character's greetings as
   * sibling first messages (the swipes of the opening; the first one shown), `{{user}}` being
   * the persona's name. A card without greetings starts an empty conversation.
   */
  startChat(options: StartChatOptions): { conversation: Conversation; messages: Message[] } {
    const character = this.characters.get(options.characterId);
    const persona = options.personaId
      ? this.personas.get(options.personaId)
      : this.personas.defaultPersona();
    const presetId = options.presetId === undefined ? this.presets.getDefault() : options.presetId;
    const preset = presetId === null ? null : this.presets.get(presetId);
    const data = character.card.data;

    const conversationId = this.store.db.transaction(() => {
      const conversation = this.store.conversations.create({
        title: data.name,
        systemPrompt: preset?.systemPrompt ?? '',
      });
      const id = conversation.id;
      this.store.roleplay.set(id, {
        characterId: character.id,
        personaId: persona?.id ?? null,
        presetId: preset?.id ?? null,
      });
      const texts = greetings(character.card, {
        user: persona?.name ?? 'User',
        persona: persona?.description,
        description: data.description,
        personality: data.personality,
        scenario: data.scenario,
        now: new Date(this.now()),
        random: seededRandom(id),
      });
      const messages = texts.map((content) =>
        this.store.messages.insert({
          conversationId: id,
          parentId: null,
          role: 'assistant',
          content,
          status: 'complete',
          model: null,
        }),
      );
      const first = messages[0];
      if (first) this.store.conversations.update(id, { activeLeafId: first.id });
      return id;
    })();

    this.emit('conversations.changed', { id: conversationId });
    return {
      conversation: this.requireConversation(conversationId),
      messages: this.store.messages.activePath(conversationId),
    };
  }

  private requireConversation(id: string): Conversation {
    const conversation = this.store.conversations.get(id);
    if (!conversation) throw new TalariaError('NOT_FOUND', `Conversation ${id} does not exist`);
    return conversation;
  }
}
