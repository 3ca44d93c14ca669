import { AssemblyRepository } from './AssemblyRepository';
import { CharacterRepository } from './CharacterRepository';
import type { Clock } from './clock';
import { ConversationRepository } from './ConversationRepository';
import { LorebookRepository } from './LorebookRepository';
import { migrate } from './migrate';
import type { Migration, MigrationResult } from './migrate';
import { MessageRepository } from './MessageRepository';
import { openDatabase } from './openDatabase';
import type { OpenDatabaseOptions, SqliteDatabase } from './openDatabase';
import { PresetRepository } from './PresetRepository';
import { RoleplayRepository } from './RoleplayRepository';
import { SettingsRepository } from './SettingsRepository';
import { UserPersonaRepository } from './UserPersonaRepository';
import { WorldInfoTimerRepository } from './WorldInfoTimerRepository';

export interface StoreOptions extends OpenDatabaseOptions {
  /** The database file; its folder is created when missing. */
  file: string;
  now?: Clock;
  /** Replaces the built-in migrations; for tests of upgrade paths. */
  migrations?: readonly Migration[];
}

/** One open, migrated database with its repositories. */
export class Store {
  readonly db: SqliteDatabase;
  readonly migration: MigrationResult;
  readonly conversations: ConversationRepository;
  readonly messages: MessageRepository;
  readonly settings: SettingsRepository;
  readonly presets: PresetRepository;
  readonly characters: CharacterRepository;
  readonly personas: UserPersonaRepository;
  readonly lorebooks: LorebookRepository;
  readonly roleplay: RoleplayRepository;
  readonly assemblies: AssemblyRepository;
  readonly worldInfoTimers: WorldInfoTimerRepository;

  constructor(options: StoreOptions) {
    this.db = openDatabase(options.file, options);
    try {
      this.migration = migrate(this.db, options.migrations);
    } catch (error) {
      this.db.close();
      throw error;
    }
    const repositoryOptions = options.now ? { now: options.now } : {};
    this.conversations = new ConversationRepository(this.db, repositoryOptions);
    this.messages = new MessageRepository(this.db, repositoryOptions);
    this.settings = new SettingsRepository(this.db, repositoryOptions);
    this.presets = new PresetRepository(this.db, repositoryOptions);
    this.characters = new CharacterRepository(this.db, repositoryOptions);
    this.personas = new UserPersonaRepository(this.db, repositoryOptions);
    this.lorebooks = new LorebookRepository(this.db, repositoryOptions);
    this.roleplay = new RoleplayRepository(this.db);
    this.assemblies = new AssemblyRepository(this.db);
    this.worldInfoTimers = new WorldInfoTimerRepository(this.db);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Closes the connection; safe to call twice. */
  close(): void {
    if (!this.db.open) return;
    try {
      // SQLite recommends this before closing a long-lived connection to refresh planner stats.
      this.db.pragma('optimize');
    } finally {
      this.db.close();
    }
  }
}
