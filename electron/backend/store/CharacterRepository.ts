import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type { Character, CharacterSummary } from '../../../shared/contract/personas';
import type { CharacterCardV3 } from '../../../shared/cards';
import type { Clock, RepositoryOptions } from './clock';
import type { SqliteDatabase } from './openDatabase';
import { makePreview, parseJson } from './rows';
import { StatementCache } from './StatementCache';

const BLURB_LENGTH = 160;

export interface CharacterWrite {
  /** Already normalized to V3. */
  card: CharacterCardV3;
  avatar: string | null;
}

interface SummaryRow {
  id: string;
  name: string;
  avatar: string | null;
  tags_json: string;
  creator: string;
  blurb: string;
  greeting_count: number;
  lore_entry_count: number;
  created_at: number;
  updated_at: number;
}

interface CharacterRow {
  id: string;
  card_json: string;
  avatar: string | null;
  created_at: number;
  updated_at: number;
}

/** The gallery's columns, computed from the card when it is written. */
export function characterSummaryColumns(card: CharacterCardV3) {
  const data = card.data;
  const tags = [...new Set(data.tags.map((t) => t.trim()).filter((t) => t !== ''))];
  const greetings = [data.first_mes, ...data.alternate_greetings].filter(
    (g) => typeof g === 'string' && g.trim() !== '',
  );
  return {
    name: data.name.trim(),
    tags_json: JSON.stringify(tags),
    creator: data.creator.trim(),
    blurb: makePreview(data.creator_notes.trim() || data.description.trim(), BLURB_LENGTH),
    greeting_count: greetings.length,
    lore_entry_count: data.character_book?.entries.length ?? 0,
  };
}

function toSummary(row: SummaryRow): CharacterSummary {
  const tags = parseJson<unknown>(row.tags_json, []);
  return {
    id: row.id,
    name: row.name,
    avatar: row.avatar,
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    creator: row.creator,
    blurb: row.blurb,
    greetingCount: row.greeting_count,
    loreEntryCount: row.lore_entry_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Character cards, stored normalized to V3 with their avatar. */
export class CharacterRepository {
  private readonly now: Clock;
  private readonly statements: StatementCache;

  constructor(db: SqliteDatabase, options: RepositoryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.statements = new StatementCache(db);
  }

  /** Every character's summary, by name; the cards themselves are not read. */
  list(): CharacterSummary[] {
    const rows = this.statements
      .prepare(
        `SELECT id, name, avatar, tags_json, creator, blurb, greeting_count, lore_entry_count,
           created_at, updated_at
         FROM characters ORDER BY name COLLATE NOCASE, created_at`,
      )
      .all() as SummaryRow[];
    return rows.map(toSummary);
  }

  /** Null when there is no such character (or its stored card is unreadable). */
  get(id: string): Character | null {
    const row = this.statements
      .prepare('SELECT id, card_json, avatar, created_at, updated_at FROM characters WHERE id = ?')
      .get(id) as CharacterRow | undefined;
    if (!row) return null;
    const card = parseJson<CharacterCardV3 | null>(row.card_json, null);
    if (!card) return null;
    return {
      id: row.id,
      card,
      avatar: row.avatar,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Name and avatar only, for the speakers of a conversation. */
  speaker(id: string): { id: string; name: string; avatar: string | null } | null {
    const row = this.statements
      .prepare('SELECT id, name, avatar FROM characters WHERE id = ?')
      .get(id) as { id: string; name: string; avatar: string | null } | undefined;
    return row ?? null;
  }

  insert(input: CharacterWrite): Character {
    const now = this.now();
    const id = randomUUID();
    this.statements
      .prepare(
        `INSERT INTO characters (id, name, card_json, avatar, tags_json, creator, blurb,
           greeting_count, lore_entry_count, created_at, updated_at)
         VALUES (@id, @name, @card_json, @avatar, @tags_json, @creator, @blurb, @greeting_count,
           @lore_entry_count, @now, @now)`,
      )
      .run({
        id,
        ...characterSummaryColumns(input.card),
        card_json: JSON.stringify(input.card),
        avatar: input.avatar,
        now,
      });
    return this.get(id) as Character;
  }

  /** Replaces the card and the avatar; NOT_FOUND when there is no such character. */
  update(id: string, input: CharacterWrite): Character {
    const result = this.statements
      .prepare(
        `UPDATE characters SET name = @name, card_json = @card_json, avatar = @avatar,
           tags_json = @tags_json, creator = @creator, blurb = @blurb,
           greeting_count = @greeting_count, lore_entry_count = @lore_entry_count,
           updated_at = @now
         WHERE id = @id`,
      )
      .run({
        id,
        ...characterSummaryColumns(input.card),
        card_json: JSON.stringify(input.card),
        avatar: input.avatar,
        now: this.now(),
      });
    if (result.changes === 0) {
      throw new TalariaError('NOT_FOUND', `Character ${id} does not exist`);
    }
    return this.get(id) as Character;
  }

  delete(id: string): boolean {
    return this.statements.prepare('DELETE FROM characters WHERE id = ?').run(id).changes > 0;
  }

  count(): number {
    return (this.statements.prepare('SELECT COUNT(*) AS n FROM characters').get() as { n: number })
      .n;
  }
}
