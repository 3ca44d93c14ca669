import { useState } from 'react';
import type { UserPersona } from '../../../../shared/contract/personas';
import { useStores } from '../../app/stores';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { toShownError } from '../../components/errors';
import { Icon } from '../../components/Icon';
import { Avatar } from './Avatar';
import { Badge, ManagerLayout, ManagerRow } from './ManagerLayout';
import { PersonaEditor } from './PersonaEditor';
import { useRoleplay } from './useRoleplay';

type Selection = string | 'new' | null;

/** Who the user is in character chats: personas with a picture, one of them the default. */
export function PersonasManager() {
  const { client, roleplay, ui } = useStores();
  const open = useRoleplay((s) => s.manager === 'personas');
  const personas = useRoleplay((s) => s.personas);
  const [selected, setSelected] = useState<Selection>(null);
  const [dirty, setDirty] = useState(false);
  const list = personas ?? [];
  const close = (): void => roleplay.getState().closeManager();
  const fail = (what: string, error: unknown): void =>
    ui.getState().notify({ message: `${what}: ${toShownError(error).message}` });

  // Something is always shown: the one chosen, else the default, else a new one.
  const shown: Selection =
    selected === 'new' || list.some((p) => p.id === selected)
      ? selected
      : personas === null
        ? null
        : ((list.find((p) => p.isDefault) ?? list[0])?.id ?? 'new');

  const current = list.find((p) => p.id === shown) ?? null;

  const choose = (next: Selection): void => {
    if (next === shown) return;
    if (!dirty) return setSelected(next);
    ui.getState().ask({
      title: 'Discard your changes?',
      body: 'The persona you are editing has changes that are not saved.',
      confirmLabel: 'Discard',
      danger: true,
      onConfirm: () => {
        setDirty(false);
        setSelected(next);
      },
    });
  };

  const toggleDefault = async (persona: UserPersona): Promise<void> => {
    try {
      const { personas: next } = await client.request('personas.setDefault', {
        id: persona.isDefault ? null : persona.id,
      });
      roleplay.setState({ personas: next });
    } catch (error) {
      fail('Could not change the default', error);
    }
  };

  const remove = (persona: UserPersona): void =>
    ui.getState().ask({
      title: `Delete “${persona.name}”?`,
      body: 'Chats that use this persona go back to the default one. This cannot be undone.',
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: async () => {
        try {
          await client.request('personas.delete', { id: persona.id });
          setDirty(false);
          setSelected(null);
          await roleplay.getState().refreshLists('persona');
        } catch (error) {
          fail('Could not delete', error);
        }
      },
    });

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Your personas"
      description="Who you are in character chats. The default one is used unless a chat picks another."
      width="max-w-4xl"
    >
      <ManagerLayout
        label="Personas"
        toolbar={
          <Button size="sm" variant="ghost" data-testid="persona-new" onClick={() => choose('new')}>
            <Icon name="plus" size={13} /> New persona
          </Button>
        }
        list={
          <>
            {shown === 'new' && (
              <ManagerRow selected onSelect={() => undefined}>
                <Avatar name="New persona" src={null} size={32} />
                <span className="truncate text-[13px] font-medium italic">New persona</span>
              </ManagerRow>
            )}
            {list.map((p) => (
              <ManagerRow
                key={p.id}
                selected={p.id === shown}
                onSelect={() => choose(p.id)}
                testId="persona-row"
              >
                <Avatar name={p.name} src={p.avatar} size={32} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-[13px] font-medium">{p.name}</span>
                  <span className="block truncate text-[11.5px] text-subtle">
                    {p.description || 'No description'}
                  </span>
                </span>
                {p.isDefault && <Badge tone="accent">Default</Badge>}
              </ManagerRow>
            ))}
          </>
        }
      >
        {(current || shown === 'new') && (
          <PersonaEditor
            key={current?.id ?? 'new'}
            persona={current}
            onDirty={setDirty}
            onSaved={(saved) => {
              setDirty(false);
              setSelected(saved.id);
            }}
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
                  <IconButton
                    aria-label="Delete persona"
                    data-testid="persona-delete"
                    onClick={() => remove(current)}
                    className="hover:!text-danger"
                  >
                    <Icon name="trash" size={15} />
                  </IconButton>
                </>
              )
            }
          />
        )}
      </ManagerLayout>
    </Dialog>
  );
}
