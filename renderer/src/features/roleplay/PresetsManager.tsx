import { useMemo } from 'react';
import type { Preset } from '../../../../shared/contract/personas';
import { useStores } from '../../app/stores';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { downloadExported, pickFile } from '../../components/files';
import { Badge, ManagerDeleteButton, ManagerDialog } from './ManagerLayout';
import { PresetEditor } from './PresetEditor';
import { sortPresets } from './presetForm';
import { usePresetDefaults, useLoadedModelRef } from './usePresetDefaults';
import { useManager } from './useManager';
import { useRoleplay } from './useRoleplay';

/** Built-in and user presets: browse, write, duplicate, import, export, choose defaults. */
export function PresetsManager() {
  const { client, roleplay, ui } = useStores();
  const presets = useRoleplay((s) => s.presets);
  const sorted = useMemo(() => sortPresets(presets ?? []), [presets]);
  // Without a choice: the first preset.
  const manager = useManager('preset', sorted, sorted[0]?.id ?? null);
  const { current, select, setDirty, run } = manager;
  const model = useLoadedModelRef();
  const defaults = usePresetDefaults(manager.open ? model : null);
  const notify = (message: string): void => ui.getState().notify({ message });

  const duplicate = (preset: Preset): Promise<void> =>
    run(async () => {
      const copy = await client.request('presets.duplicate', { id: preset.id });
      await roleplay.getState().refreshLists('preset');
      select(copy.id);
    }, 'Could not duplicate');

  const importFile = async (): Promise<void> => {
    const file = await pickFile('.json,application/json', 'preset-import-input');
    if (!file) return;
    await run(async () => {
      const { presets: added } = await client.request('presets.import', {
        text: await file.text(),
      });
      await roleplay.getState().refreshLists('preset');
      if (added[0]) select(added[0].id);
      notify(`Imported ${added.length === 1 ? '1 preset' : `${added.length} presets`}`);
    }, `Could not import ${file.name}`);
  };

  const exportPreset = (preset: Preset): Promise<void> =>
    run(async () => {
      downloadExported(await client.request('presets.export', { ids: [preset.id] }));
    }, 'Could not export');

  const remove = (preset: Preset): void =>
    manager.confirmDelete(preset.name, 'Chats that use it keep their system prompt.', () =>
      client.request('presets.delete', { id: preset.id }),
    );

  return (
    <ManagerDialog
      manager={manager}
      title="Presets"
      description="System prompts to start chats with. Choosing one in a chat copies its prompt there."
      width="max-w-5xl"
      label="Presets"
      newButton={{ label: 'New', testId: 'preset-new' }}
      toolbar={
        <Button
          size="sm"
          variant="ghost"
          data-testid="preset-import"
          onClick={() => void importFile()}
        >
          <Icon name="upload" size={13} /> Import…
        </Button>
      }
      items={sorted}
      rowTestId="preset-row"
      newRow={<span className="truncate text-[13px] font-medium italic">New preset</span>}
      renderRow={(p) => (
        <>
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
              <span className="block truncate text-[11.5px] text-subtle">{p.description}</span>
            )}
          </span>
          {p.builtin && <Badge>Built-in</Badge>}
        </>
      )}
    >
      <PresetEditor
        key={current?.id ?? 'new'}
        preset={current}
        defaults={defaults}
        model={model}
        onDirty={setDirty}
        onSaved={(saved) => select(saved.id)}
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
                <ManagerDeleteButton
                  label="Delete preset"
                  testId="preset-delete"
                  onClick={() => remove(current)}
                />
              )}
            </>
          )
        }
      />
    </ManagerDialog>
  );
}
