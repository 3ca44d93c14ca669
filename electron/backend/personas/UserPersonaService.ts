import { TalariaError } from '../../../shared/contract/errors';
import type { UserPersona, UserPersonaInput } from '../../../shared/contract/personas';
import type { Store } from '../store';
import type { StoredPersona } from '../store/UserPersonaRepository';
import { optionalAvatar } from './avatars';
import type { Emit, PersonaServiceDeps } from './types';

const DEFAULT_KEY = 'personas.default';

/** Who the user plays. One persona may be the default, used where a chat names none. */
export class UserPersonaService {
  private readonly store: Store;
  private readonly emit: Emit;

  constructor(deps: PersonaServiceDeps) {
    this.store = deps.store;
    this.emit = deps.emit;
  }

  list(): UserPersona[] {
    const defaultId = this.defaultId();
    return this.store.personas.list().map((p) => this.withDefault(p, defaultId));
  }

  find(id: string): UserPersona | null {
    const persona = this.store.personas.get(id);
    return persona ? this.withDefault(persona, this.defaultId()) : null;
  }

  get(id: string): UserPersona {
    const persona = this.find(id);
    if (!persona) throw new TalariaError('NOT_FOUND', 'That persona does not exist any more.');
    return persona;
  }

  /** The default persona's id; null when none is set or it was deleted. */
  defaultId(): string | null {
    const id = this.store.settings.get<string | null>(DEFAULT_KEY, null);
    return typeof id === 'string' && this.store.personas.get(id) ? id : null;
  }

  defaultPersona(): UserPersona | null {
    const id = this.defaultId();
    return id ? this.find(id) : null;
  }

  /** Creates (no id) or updates a persona. An update without `avatar` keeps the old one. */
  save(id: string | undefined, input: UserPersonaInput): UserPersona {
    const name = input.name.trim();
    if (name === '') throw new TalariaError('INVALID_INPUT', 'A persona needs a name.');
    const avatar = optionalAvatar(input.avatar);
    let saved: StoredPersona;
    if (id === undefined) {
      saved = this.store.personas.insert({
        name,
        description: input.description ?? '',
        avatar: avatar ?? null,
      });
    } else {
      const current = this.get(id);
      saved = this.store.personas.update(id, {
        name,
        description: input.description ?? current.description,
        avatar: avatar === undefined ? current.avatar : avatar,
      });
    }
    this.changed(saved.id);
    return this.withDefault(saved, this.defaultId());
  }

  /** Deletes a persona; when it was the default there is no default afterwards. */
  delete(id: string): void {
    this.get(id);
    this.store.db.transaction(() => {
      if (this.store.settings.get<string | null>(DEFAULT_KEY, null) === id) {
        this.store.settings.delete(DEFAULT_KEY);
      }
      this.store.personas.delete(id);
    })();
    this.changed(id);
  }

  /** Makes a persona the default; null clears it (the user is "User"). */
  setDefault(id: string | null): UserPersona[] {
    if (id === null) this.store.settings.delete(DEFAULT_KEY);
    else {
      this.get(id);
      this.store.settings.set(DEFAULT_KEY, id);
    }
    this.changed(id);
    return this.list();
  }

  private withDefault(persona: StoredPersona, defaultId: string | null): UserPersona {
    return { ...persona, isDefault: persona.id === defaultId };
  }

  private changed(id: string | null): void {
    this.emit('personas.changed', { kind: 'persona', id });
  }
}
