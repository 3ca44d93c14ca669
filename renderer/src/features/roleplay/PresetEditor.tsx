import { useId, type ReactNode } from 'react';
import type { Preset } from '../../../../shared/contract/personas';
import { useStores } from '../../app/stores';
import { Icon } from '../../components/Icon';
import { Field, INPUT, MONO_TEXTAREA } from './Field';
import { ManagerEditorFooter, ManagerEditorForm } from './ManagerEditorForm';
import { Badge } from './ManagerLayout';
import { formOf, isDirty, MACROS, presetInput, presetProblem } from './presetForm';
import { useEditorForm } from './useEditorForm';
import type { LoadedModelRef, PresetDefaults } from './usePresetDefaults';

function DefaultToggle({
  checked,
  disabled,
  label,
  hint,
  onChange,
  testId,
}: {
  checked: boolean;
  disabled?: boolean;
  label: string;
  hint: string;
  onChange: (on: boolean) => void;
  testId: string;
}) {
  return (
    <label
      title={hint}
      className={`flex items-center gap-2 rounded-md px-2 py-1 ${disabled ? 'opacity-50' : 'cursor-pointer hover:bg-hover/60'}`}
    >
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        className="h-3.5 w-3.5 accent-[var(--t-accent)]"
      />
      <span className="text-[13px]">{label}</span>
    </label>
  );
}

function MacroHint() {
  return (
    <span>
      Macros:{' '}
      {MACROS.map((m, i) => (
        <span key={m}>
          {i > 0 && ' '}
          <code className="rounded bg-sunken px-1 font-mono text-[11px] text-muted">{m}</code>
        </span>
      ))}{' '}
      are filled in when the prompt is built.
    </span>
  );
}

/** One preset: read-only for built-ins, a form for the user's own. */
export function PresetEditor({
  preset,
  defaults,
  model,
  actions,
  onDirty,
  onSaved,
}: {
  preset: Preset | null;
  defaults: PresetDefaults;
  model: LoadedModelRef | null;
  actions: ReactNode;
  onDirty: (dirty: boolean) => void;
  onSaved: (preset: Preset) => void;
}) {
  const { client, roleplay } = useStores();
  const readOnly = preset?.builtin ?? false;
  const { form, setForm, change, error, saving, dirty, save } = useEditorForm(
    () => formOf(preset),
    (f) => !readOnly && (preset === null || isDirty(f, preset)),
    onDirty,
  );
  const ids = { name: useId(), description: useId(), system: useId(), post: useId() };

  const submit = (): Promise<void> =>
    save(presetProblem(form), async () => {
      const saved = await client.request('presets.save', {
        ...(preset ? { id: preset.id } : {}),
        preset: presetInput(form),
      });
      await roleplay.getState().refreshLists('preset');
      onSaved(saved);
    });

  return (
    <ManagerEditorForm
      testId="preset-editor"
      title={preset?.name ?? 'New preset'}
      titleExtra={readOnly && <Badge>Built-in</Badge>}
      actions={actions}
      onSubmit={() => void submit()}
      footer={
        !readOnly && (
          <ManagerEditorFooter
            error={error}
            dirty={dirty}
            saving={saving}
            onRevert={preset && (() => setForm(formOf(preset)))}
            saveTestId="preset-save"
            saveLabel={preset ? 'Save' : 'Create preset'}
          />
        )
      }
    >
      {readOnly && (
        <p className="flex items-center gap-2 rounded-md border border-line bg-sunken/60 px-3 py-2 text-[12.5px] text-muted">
          <Icon name="lock" size={14} className="shrink-0" />
          Built-in presets come from the Hermes model cards and stay as shipped. Duplicate one to
          make it your own.
        </p>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Name" htmlFor={ids.name}>
          <input
            id={ids.name}
            data-testid="preset-name"
            className={INPUT}
            value={form.name}
            readOnly={readOnly}
            onChange={(e) => change({ name: e.target.value })}
          />
        </Field>
        <Field label="Description" htmlFor={ids.description}>
          <input
            id={ids.description}
            data-testid="preset-description"
            className={INPUT}
            value={form.description}
            readOnly={readOnly}
            placeholder="What it is for"
            onChange={(e) => change({ description: e.target.value })}
          />
        </Field>
      </div>
      {preset && (
        <fieldset className="-mx-2 -my-1 flex flex-wrap gap-x-4">
          <legend className="sr-only">Defaults</legend>
          <DefaultToggle
            testId="preset-default-new"
            checked={defaults.newChats === preset.id}
            label="Default for new chats"
            hint="New chats start with this preset’s system prompt."
            onChange={(on) => void defaults.setNewChats(on ? preset.id : null)}
          />
          <DefaultToggle
            testId="preset-default-model"
            checked={model?.id != null && defaults.model === preset.id}
            disabled={model?.id == null}
            label={model ? `Default for ${model.name}` : 'Default for the loaded model'}
            hint={
              !model
                ? 'Load a model to give it a preset of its own.'
                : model.id === null
                  ? 'Only models in your library can have a preset of their own.'
                  : 'New chats started while this model is loaded use this preset.'
            }
            onChange={(on) => void defaults.setModel(on ? preset.id : null)}
          />
          {defaults.error && (
            <p className="w-full px-2 text-[12px] text-danger">{defaults.error}</p>
          )}
        </fieldset>
      )}
      <Field label="System prompt" htmlFor={ids.system} hint={<MacroHint />}>
        <textarea
          id={ids.system}
          data-testid="preset-system-prompt"
          rows={8}
          className={MONO_TEXTAREA}
          value={form.systemPrompt}
          readOnly={readOnly}
          onChange={(e) => change({ systemPrompt: e.target.value })}
        />
      </Field>
      <Field
        label="Post-history instructions"
        htmlFor={ids.post}
        hint="Sent after the chat history, right before the reply: the last thing the model reads."
      >
        <textarea
          id={ids.post}
          data-testid="preset-post-history"
          rows={3}
          className={MONO_TEXTAREA}
          value={form.postHistoryInstructions}
          readOnly={readOnly}
          placeholder="None"
          onChange={(e) => change({ postHistoryInstructions: e.target.value })}
        />
      </Field>
    </ManagerEditorForm>
  );
}
