import type { ConversationCast } from '../../../../shared/contract/personas';
import type { ChatRole } from '../../../../shared/contract/types';

/** Who a message is shown as: a name and an avatar (`data:` URL or null for initials). */
export interface Speaker {
  name: string;
  avatar: string | null;
}

/**
 * The speaker to show for a message of this role, or null to keep the plain look (no cast, or
 * nobody set for that side of the conversation).
 */
export function speakerFor(role: ChatRole, cast: ConversationCast | null): Speaker | null {
  if (!cast) return null;
  const who = role === 'assistant' ? cast.character : role === 'user' ? cast.persona : null;
  if (!who) return null;
  return { name: who.name.trim() || (role === 'user' ? 'User' : 'Assistant'), avatar: who.avatar };
}

/** The header control's words: who the conversation is with, and as whom the user speaks. */
export function castSummary(cast: ConversationCast | null): { character: string; persona: string } {
  return {
    character: cast?.character?.name.trim() || 'No character',
    persona: cast?.persona?.name.trim() || 'User',
  };
}
