import { TalariaError } from '../../../shared/contract/errors';
import type { ConversationRoleplay } from '../../../shared/contract/personas';
import type { SqliteDatabase } from './openDatabase';
import { parseJson } from './rows';
import { StatementCache } from './StatementCache';

export type RoleplayPatch = Partial<Omit<ConversationRoleplay, 'conversationId'>>;

interface RoleplayRow {
  preset_id: string | null;
  character_id: string | null;
  persona_id: string | null;
  lorebook_ids_json: string;
}

function parseIds(json: string): string[] {
  const value = parseJson<unknown>(json, []);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Copies a conversation's roleplay settings to another conversation (duplicate, fork). Run it
 * in the transaction that creates the copy.
 */
export function copyRoleplay(statements: StatementCache, fromId: string, toId: string): void {
  statements
    .prepare(
      `INSERT INTO conversation_roleplay
         (conversation_id, preset_id, character_id, persona_id, lorebook_ids_json)
       SELECT ?, preset_id, character_id, persona_id, lorebook_ids_json
         FROM conversation_roleplay WHERE conversation_id = ?`,
    )
    .run(toId, fromId);
}

/**
 * What each conversation is set up with. The ids are stored as given, without foreign keys: a
 * deleted character or preset leaves a dangling id that readers treat as none.
 */
export class RoleplayRepository {
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  /** The stored settings, or all-empty ones when the conversation never had any. */
  get(conversationId: string): ConversationRoleplay {
    const row = this.statements
      .prepare(
        `SELECT preset_id, character_id, persona_id, lorebook_ids_json
         FROM conversation_roleplay WHERE conversation_id = ?`,
      )
      .get(conversationId) as RoleplayRow | undefined;
    return {
      conversationId,
      presetId: row?.preset_id ?? null,
      characterId: row?.character_id ?? null,
      personaId: row?.persona_id ?? null,
      lorebookIds: row ? parseIds(row.lorebook_ids_json) : [],
    };
  }

  /** Changes the given fields, keeping the others; NOT_FOUND for an unknown conversation. */
  set(conversationId: string, patch: RoleplayPatch): ConversationRoleplay {
    return this.db.transaction(() => {
      const exists = this.statements.prepare('SELECT 1 FROM conversations WHERE id = ?');
      if (!exists.get(conversationId)) {
        throw new TalariaError('NOT_FOUND', `Conversation ${conversationId} does not exist`);
      }
      const current = this.get(conversationId);
      const next: ConversationRoleplay = {
        conversationId,
        presetId: patch.presetId === undefined ? current.presetId : patch.presetId,
        characterId: patch.characterId === undefined ? current.characterId : patch.characterId,
        personaId: patch.personaId === undefined ? current.personaId : patch.personaId,
        lorebookIds: [...new Set(patch.lorebookIds ?? current.lorebookIds)],
      };
      this.statements
        .prepare(
          `INSERT INTO conversation_roleplay
             (conversation_id, preset_id, character_id, persona_id, lorebook_ids_json)
           VALUES (@conversationId, @presetId, @characterId, @personaId, @lorebookIds)
           ON CONFLICT (conversation_id) DO UPDATE SET
             preset_id = excluded.preset_id,
             character_id = excluded.character_id,
             persona_id = excluded.persona_id,
             lorebook_ids_json = excluded.lorebook_ids_json`,
        )
        .run({ ...next, lorebookIds: JSON.stringify(next.lorebookIds) });
      return next;
    })();
  }
}
