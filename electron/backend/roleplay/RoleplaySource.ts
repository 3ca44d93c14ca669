import type {
  Character,
  ConversationRoleplay,
  Lorebook,
  Preset,
  PromptAssemblyRecord,
  UserPersona,
} from '../../../shared/contract/personas';
import type { HermesMessage } from '../../../shared/hermes';

/** What the reply path reads about a conversation's cast (the persona services provide it). */
export interface RoleplaySource {
  binding(conversationId: string): ConversationRoleplay;
  preset(id: string): Preset | null;
  character(id: string): Character | null;
  /** The persona with this id, or the default one for null; null when there is none. */
  persona(id: string | null): UserPersona | null;
  lorebook(id: string): Lorebook | null;
}

/** The assembly kept beside an assistant message: the record plus the exact turns sent. */
export type StoredAssembly = PromptAssemblyRecord & {
  turns: HermesMessage[];
  /** Tools or JSON mode wrote the reply: only the system turn came from the assembly. */
  viaTools: boolean;
};

/** Where assemblies are kept (the prompt_assemblies table). */
export interface AssemblySink {
  set(messageId: string, record: StoredAssembly): void;
  get(messageId: string): StoredAssembly | null;
}
