export { openDatabase, DEFAULT_BUSY_TIMEOUT_MS } from './openDatabase';
export type { OpenDatabaseOptions, SqliteDatabase } from './openDatabase';
export { migrate, getUserVersion } from './migrate';
export type { Migration, MigrationResult } from './migrate';
export { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';
export type { Clock, RepositoryOptions } from './clock';
export { ConversationRepository, DEFAULT_CONVERSATION_TITLE } from './ConversationRepository';
export type { ConversationPatch, CreateConversationInput } from './ConversationRepository';
export { MessageRepository, INTERRUPTED_ERROR } from './MessageRepository';
export type { InsertMessageInput, MessagePatch } from './MessageRepository';
export { SettingsRepository } from './SettingsRepository';
export { Store } from './Store';
export type { StoreOptions } from './Store';
export type {
  ConversationListItem,
  ConversationPage,
  ListPageOptions,
} from './ConversationRepository';
export {
  SearchRepository,
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_LIMIT,
  MAX_SEARCH_OFFSET,
  RELEVANCE_WINDOW,
} from './SearchRepository';
export type { SearchHit, SearchOptions } from './SearchRepository';
export { toFtsQuery } from './ftsQuery';
export { TransferRepository } from './TransferRepository';
export type { TransferRepositoryOptions } from './TransferRepository';
export { PresetRepository } from './PresetRepository';
export { CharacterRepository, characterSummaryColumns } from './CharacterRepository';
export type { CharacterWrite } from './CharacterRepository';
export { UserPersonaRepository } from './UserPersonaRepository';
export type { PersonaWrite, StoredPersona } from './UserPersonaRepository';
export { LorebookRepository } from './LorebookRepository';
export type { LorebookWrite } from './LorebookRepository';
export { RoleplayRepository } from './RoleplayRepository';
export type { RoleplayPatch } from './RoleplayRepository';
export { AssemblyRepository } from './AssemblyRepository';
