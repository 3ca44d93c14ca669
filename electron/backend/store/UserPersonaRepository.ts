import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type { UserPersona } from '../../../shared/contract/personas';
import type { Clock, RepositoryOptions } from './clock';
import type { SqliteDatabase } from './openDatabase';
import { StatementCache } from './StatementCache';

/** A persona as stored; which one is the default lives in settings. */
export type StoredPersona = Omit<UserPersona, 'isDefault'>;

export interface PersonaWrite {
  name: string;
  description: string;
  avatar: string | null;
}

interface PersonaRow {
  id: string;
  name: string;
  description: string;
  avatar: string | null;
  created_at: number;
  updated_at: number;
}

function toPersona(row: PersonaRow): StoredPersona {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    avatar: row.avatar,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Who the user plays: a name, a description for the prompt, an avatar. */
export class UserPersonaRepository {
  private readonly now: Clock;
  private readonly statements: StatementCache;

  constructor(db: SqliteDatabase, options: RepositoryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.statements = new StatementCache(db);
  }

  list(): StoredPersona[] {
    const rows = this.statements
      .prepare('SELECT * FROM user_personas ORDER BY name COLLATE NOCASE, created_at')
      .all() as PersonaRow[];
    return rows.map(toPersona);
  }

  get(id: string): StoredPersona | null {
    const row = this.statements.prepare('SELECT * FROM user_personas WHERE id = ?').get(id) as
      PersonaRow | undefined;
    return row ? toPersona(row) : null;
  }

  insert(input: PersonaWrite): StoredPersona {
    const now = this.now();
    const row: PersonaRow = {
      id: randomUUID(),
      name: input.name.trim(),
      description: input.description,
      avatar: input.avatar,
      created_at: now,
      updated_at: now,
    };
    this.statements
      .prepare(
        `INSERT INTO user_personas (id, name, description, avatar, created_at, updated_at)
         VALUES (@id, @name, @description, @avatar, @created_at, @updated_at)`,
      )
      .run(row);
    return toPersona(row);
  }

  update(id: string, input: PersonaWrite): StoredPersona {
    const result = this.statements
      .prepare(
        `UPDATE user_personas SET name = ?, description = ?, avatar = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(input.name.trim(), input.description, input.avatar, this.now(), id);
    if (result.changes === 0) throw new TalariaError('NOT_FOUND', `Persona ${id} does not exist`);
    return this.get(id) as StoredPersona;
  }

  delete(id: string): boolean {
    return this.statements.prepare('DELETE FROM user_personas WHERE id = ?').run(id).changes > 0;
  }
}
