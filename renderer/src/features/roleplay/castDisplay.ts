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

/** Up to two letters for an avatar without a picture: "Seraphina" → "S", "Ada Lovelace" → "AL". */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s_-]+/u)
    .filter((w) => /\p{L}|\p{N}/u.test(w));
  const letter = (w: string): string => [...w].find((c) => /\p{L}|\p{N}/u.test(c)) ?? '';
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words.at(-1) : undefined;
  return (letter(first) + (last ? letter(last) : '')).toLocaleUpperCase();
}

/** A stable hue (0–359) per name, so the same person keeps the same colour everywhere. */
export function avatarHue(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}

/** The header control's words: who the conversation is with, and as whom the user speaks. */
export function castSummary(cast: ConversationCast | null): { character: string; persona: string } {
  return {
    character: cast?.character?.name.trim() || 'No character',
    persona: cast?.persona?.name.trim() || 'User',
  };
}
