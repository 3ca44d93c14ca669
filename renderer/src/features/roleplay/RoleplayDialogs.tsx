import { PersonasManager } from './PersonasManager';
import { PresetsManager } from './PresetsManager';

/** The presets and personas managers, opened from the setup panel, the palette or Settings. */
export function RoleplayDialogs() {
  return (
    <>
      <PresetsManager />
      <PersonasManager />
    </>
  );
}
