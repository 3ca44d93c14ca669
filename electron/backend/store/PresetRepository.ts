import { randomUUID } from 'node:crypto';
import { TalariaError } from '../../../shared/contract/errors';
import type { Preset, PresetInput } from '../../../shared/contract/personas';
import type { Clock, RepositoryOptions } from './clock';
import type { SqliteDatabase } from './openDatabase';
import { StatementCache } from './StatementCache';

interface PresetRow {
  id: string;
  name: string;
  description: string;
  system_prompt: string;
  post_history_instructions: string;
  created_at: number;
  updated_at: number;
}

function toPreset(row: PresetRow): Preset {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    systemPrompt: row.system_prompt,
    postHistoryInstructions: row.post_history_instructions,
    builtin: false,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The user's system-prompt presets (built-ins are files, see electron/backend/personas). */
export class PresetRepository {
  private readonly now: Clock;
  private readonly statements: StatementCache;

  constructor(db: SqliteDatabase, options: RepositoryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.statements = new StatementCache(db);
  }

  /** By name, case-insensitively. */
  list(): Preset[] {
    const rows = this.statements
      .prepare('SELECT * FROM presets ORDER BY name COLLATE NOCASE, created_at')
      .all() as PresetRow[];
    return rows.map(toPreset);
  }

  get(id: string): Preset | null {
    const row = this.statements.prepare('SELECT * FROM presets WHERE id = ?').get(id) as
      PresetRow | undefined;
    return row ? toPreset(row) : null;
  }

  insert(input: PresetInput): Preset {
    const now = this.now();
    const row: PresetRow = {
      id: randomUUID(),
      name: input.name.trim(),
      description: input.description ?? '',
      system_prompt: input.systemPrompt,
      post_history_instructions: input.postHistoryInstructions ?? '',
      created_at: now,
      updated_at: now,
    };
    this.statements
      .prepare(
        `INSERT INTO presets (id, name, description, system_prompt, post_history_instructions,
           created_at, updated_at)
         VALUES (@id, @name, @description, @system_prompt, @post_history_instructions,
           @created_at, @updated_at)`,
      )
      .run(row);
    return toPreset(row);
  }

  /** Replaces every field; NOT_FOUND when there is no such preset. */
  update(id: string, input: PresetInput): Preset {
    const result = this.statements
      .prepare(
        `UPDATE presets SET name = ?, description = ?, system_prompt = ?,
           post_history_instructions = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        input.name.trim(),
        input.description ?? '',
        input.systemPrompt,
        input.postHistoryInstructions ?? '',
        this.now(),
        id,
      );
    if (result.changes === 0) throw new TalariaError('NOT_FOUND', `Preset ${id} does not exist`);
    return this.get(id) as Preset;
  }

  delete(id: string): boolean {
    return this.statements.prepare('DELETE FROM presets WHERE id = ?').run(id).changes > 0;
  }
}
