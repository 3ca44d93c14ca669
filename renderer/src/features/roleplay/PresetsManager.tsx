import { useMemo, useState } from 'react';
import type { Preset } from '../../../../shared/contract/personas';
import { useStores } from '../../app/stores';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { toShownError } from '../../components/errors';
import { Icon } from '../../components/Icon';
import { downloadExported, pickFile } from './files';
import { Badge, ManagerLayout, ManagerRow } from './ManagerLayout';
import { PresetEditor } from './PresetEditor';
import { sortPresets } from './presetForm';
import { usePresetDefaults, useLoadedModelRef } from './usePresetDefaults';
import { useRoleplay } from './useRoleplay';

/** 'new' while a preset is being written that is not saved yet. */
type Selection = string | 'new' | null;

/** Built-in and user presets: browse, write, duplicate, import, export, choose defaults. */
export function PresetsManager() {
  const stores = useStores();
  const { client, roleplay, ui } = stores;
  const open = useRoleplay((s) => s.manager === 'presets');
  const presets = useRoleplay((s) => s.presets);
  const sorted = useMemo(() => sortPresets(presets ?? []), [presets]);
  const [selected, setSelected] = useState<Selection>(null);
  const [dirty, setDirty] = useState(false);
  const model = useLoadedModelRef();
  const defaults = usePresetDefaults(open ? model : null);
  const close = (): void => roleplay.getState().closeManager();
  const notify = (message: string): void => ui.getState().notify({ message });

  // Something is always shown: the one chosen, else the first preset.
  const shown: Selection =
    selected === 'new' || sorted.some((p) => p.id === selected)
      ? selected
      : (sorted[0]?.id ?? null);

  const current = sorted.find((p) => p.id === shown) ?? null;

  const choose = (next: Selection): void => {
    if (next === shown) return;
    if (!dirty) return setSelected(next);
    ui.getState().ask({
      title: 'Discard your changes?',
      body: 'The preset you are editing has changes that are not saved.',
      confirmLabel: 'Discard',
      danger: true,
      onConfirm: () => {
        setDirty(false);
        setSelected(next);
      },
    });
  };

  const run = async (action: () => Promise<void>, failure: string): Promise<void> => {
    try {
      await action();
    } catch (error) {
      notify(`${failure}: ${toShownError(error).message}`);
    }
  };

  const duplicate = (preset: Preset): Promise<void> =>
    run(async () => {
      const copy = await client.request('presets.duplicate', { id: preset.id });
      await roleplay.getState().refreshLists('preset');
      setDirty(false);
      setSelected(copy.id);
    }, 'Could not duplicate');

  const importFile = async (): Promise<void> => {
    const file = await pickFile('.json,application/json', 'preset-import-input');
    if (!file) return;
    await run(async () => {
      const { presets: added } = await client.request('presets.import', {
        text: await file.text(),
      });
      await roleplay.getState().refreshLists('preset');
      if (added[0]) setSelected(added[0].id);
      notify(`Imported ${added.length === 1 ? '1 preset' : `${added.length} presets`}`);
    }, `Could not import ${file.name}`);
  };

  const exportPreset = (preset: Preset): Promise<void> =>
    run(async () => {
      downloadExported(await client.request('presets.export', { ids: [preset.id] }));
    }, 'Could not export');

  const remove = (preset: Preset): void =>
    ui.getState().ask({
      title: `Delete “${preset.name}”?`,
      body: 'Chats that use it keep their system prompt. This cannot be undone.',
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: () =>
        run(async () => {
          await client.request('presets.delete', { id: preset.id });
          setDirty(false);
          setSelected(null);
          await roleplay.getState().refreshLists('preset');
        }, 'Could not delete'),
    });

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Presets"
      description="System prompts to start chats with. Choosing one in a chat copies its prompt there."
      width="max-w-5xl"
    >
      <ManagerLayout
        label="Presets"
        toolbar={
          <>
            <Button
              size="sm"
              variant="ghost"
              data-testid="preset-new"
              onClick={() => choose('new')}
            >
              <Icon name="plus" size={13} /> New
            </Button>
            <Button
              size="sm"
              variant="ghost"
              data-testid="preset-import"
              onClick={() => void importFile()}
            >
              <Icon name="upload" size={13} /> Import…
            </Button>
          </>
        }
        list={
          <>
            {shown === 'new' && (
              <ManagerRow selected onSelect={() => undefined}>
                <span className="truncate text-[13px] font-medium italic">New preset</span>
              </ManagerRow>
            )}
            {sorted.map((p) => (
              <ManagerRow
                key={p.id}
                selected={p.id === shown}
                onSelect={() => choose(p.id)}
                testId="preset-row"
              >
                <span className="min-w-0 flex-1">
                  <span className="flex items-center gap-1.5">
                    <span className="truncate text-[13px] font-medium">{p.name}</span>
                    {defaults.newChats === p.id && (
                      <span title="Default for new chats" className="text-amber-500">
                        <Icon name="star" size={12} className="fill-amber-400" />
                      </span>
                    )}
                  </span>
                  {p.description && (
                    <span className="block truncate text-[11.5px] text-subtle">
                      {p.description}
                    </span>
                  )}
                </span>
                {p.builtin && <Badge>Built-in</Badge>}
              </ManagerRow>
            ))}
          </>
        }
      >
        {(current || shown === 'new') && (
          <PresetEditor
            key={current?.id ?? 'new'}
            preset={current}
            defaults={defaults}
            model={model}
            onDirty={setDirty}
            onSaved={(saved) => {
              setDirty(false);
              setSelected(saved.id);
            }}
            actions={
              current && (
                <>
                  <IconButton
                    aria-label="Duplicate preset"
                    data-testid="preset-duplicate"
                    onClick={() => void duplicate(current)}
                  >
                    <Icon name="duplicate" size={15} />
                  </IconButton>
                  <IconButton
                    aria-label="Export preset"
                    data-testid="preset-export"
                    onClick={() => void exportPreset(current)}
                  >
                    <Icon name="download" size={15} />
                  </IconButton>
                  {!current.builtin && (
                    <IconButton
                      aria-label="Delete preset"
                      data-testid="preset-delete"
                      onClick={() => remove(current)}
                      className="hover:!text-danger"
                    >
                      <Icon name="trash" size={15} />
                    </IconButton>
                  )}
                </>
              )
            }
          />
        )}
      </ManagerLayout>
    </Dialog>
  );
}
