import type { UserPersona } from '../../../../shared/contract/personas';
import { useStores } from '../../app/stores';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Badge, ManagerDeleteButton, ManagerDialog } from './ManagerLayout';
import { PersonaEditor } from './PersonaEditor';
import { useManager } from './useManager';
import { useRoleplay } from './useRoleplay';

/** Who the user is in character chats: personas with a picture, one of them the default. */
export function PersonasManager() {
  const { client, roleplay } = useStores();
  const personas = useRoleplay((s) => s.personas);
  const list = personas ?? [];
  // Without a choice: the default persona, else the first, else a new one.
  const manager = useManager(
    'persona',
    list,
    personas === null ? null : ((list.find((p) => p.isDefault) ?? list[0])?.id ?? 'new'),
  );
  const { current, select, setDirty, run } = manager;

  const toggleDefault = (persona: UserPersona): Promise<void> =>
    run(async () => {
      const { personas: next } = await client.request('personas.setDefault', {
        id: persona.isDefault ? null : persona.id,
      });
      roleplay.setState({ personas: next });
    }, 'Could not change the default');

  const remove = (persona: UserPersona): void =>
    manager.confirmDelete(
      persona.name,
      'Chats that use this persona go back to the default one.',
      () => client.request('personas.delete', { id: persona.id }),
    );

  return (
    <ManagerDialog
      manager={manager}
      title="Your personas"
      description="Who you are in character chats. The default one is used unless a chat picks another."
      width="max-w-4xl"
      label="Personas"
      newButton={{ label: 'New persona', testId: 'persona-new' }}
      items={list}
      rowTestId="persona-row"
      newRow={
        <>
          <Avatar name="New persona" src={null} size={32} />
          <span className="truncate text-[13px] font-medium italic">New persona</span>
        </>
      }
      renderRow={(p) => (
        <>
          <Avatar name={p.name} src={p.avatar} size={32} />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-[13px] font-medium">{p.name}</span>
            <span className="block truncate text-[11.5px] text-subtle">
              {p.description || 'No description'}
            </span>
          </span>
          {p.isDefault && <Badge tone="accent">Default</Badge>}
        </>
      )}
    >
      <PersonaEditor
        key={current?.id ?? 'new'}
        persona={current}
        onDirty={setDirty}
        onSaved={(saved) => select(saved.id)}
        actions={
          current && (
            <>
              <Button
                size="sm"
                variant={current.isDefault ? 'secondary' : 'ghost'}
                data-testid="persona-default"
                aria-pressed={current.isDefault}
                title={
                  current.isDefault
                    ? 'The default persona: click to have none'
                    : 'Use this persona in every chat that does not pick another'
                }
                onClick={() => void toggleDefault(current)}
              >
                <Icon
                  name="star"
                  size={13}
                  className={current.isDefault ? 'fill-amber-400 text-amber-500' : ''}
                />
                {current.isDefault ? 'Default' : 'Make default'}
              </Button>
              <ManagerDeleteButton
                label="Delete persona"
                testId="persona-delete"
                onClick={() => remove(current)}
              />
            </>
          )
        }
      />
    </ManagerDialog>
  );
}
