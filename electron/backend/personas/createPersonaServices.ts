import { CharacterService } from './CharacterService';
import { LorebookService } from './LorebookService';
import { PresetService } from './PresetService';
import { RoleplayService } from './RoleplayService';
import type { PersonaServiceDeps } from './types';
import { UserPersonaService } from './UserPersonaService';

/** The services behind presets, characters, personas, lorebooks and roleplay chats. */
export interface PersonaServices {
  presets: PresetService;
  characters: CharacterService;
  personas: UserPersonaService;
  lorebooks: LorebookService;
  roleplay: RoleplayService;
}

export function createPersonaServices(deps: PersonaServiceDeps): PersonaServices {
  const presets = new PresetService(deps);
  const characters = new CharacterService(deps);
  const personas = new UserPersonaService(deps);
  const lorebooks = new LorebookService(deps);
  const roleplay = new RoleplayService({ ...deps, presets, characters, personas, lorebooks });
  return { presets, characters, personas, lorebooks, roleplay };
}
