import type { PersonaServices } from '../personas';
import type { Store } from '../store';
import type { AssemblySink, RoleplaySource, StoredAssembly } from './RoleplaySource';

/** The reply path's view of the persona services. */
export function personaSource(personas: PersonaServices): RoleplaySource {
  return {
    binding: (conversationId) => personas.roleplay.settings(conversationId),
    preset: (id) => personas.presets.find(id),
    character: (id) => personas.characters.find(id),
    persona: (id) => (id ? personas.personas.find(id) : personas.personas.defaultPersona()),
    lorebook: (id) => personas.lorebooks.find(id),
  };
}

/** Assemblies in the store; the exact turns ride along in the same JSON. */
export function assemblySink(store: Store): AssemblySink {
  return {
    set: (messageId, record) => store.assemblies.set(messageId, record),
    get: (messageId) => {
      const record = store.assemblies.get(messageId) as Partial<StoredAssembly> | null;
      return record && Array.isArray(record.turns) ? (record as StoredAssembly) : null;
    },
  };
}
