import { useId, type ReactNode } from 'react';
import type { UserPersona } from '../../../../shared/contract/personas';
import { useStores } from '../../app/stores';
import { Avatar } from '../../components/Avatar';
import { AVATAR_ACCEPT, makeAvatar } from '../../components/avatarImage';
import { Button } from '../../components/Button';
import { pickFile } from '../../components/files';
import { Field, INPUT, TEXTAREA } from './Field';
import { ManagerEditorFooter, ManagerEditorForm } from './ManagerEditorForm';
import { useEditorForm } from './useEditorForm';

interface PersonaForm {
  name: string;
  description: string;
  avatar: string | null;
}

const formOf = (p: UserPersona | null): PersonaForm => ({
  name: p?.name ?? '',
  description: p?.description ?? '',
  avatar: p?.avatar ?? null,
});

/** One persona: its picture, name and description (what the model is told about the user). */
export function PersonaEditor({
  persona,
  actions,
  onDirty,
  onSaved,
}: {
  persona: UserPersona | null;
  actions: ReactNode;
  onDirty: (dirty: boolean) => void;
  onSaved: (persona: UserPersona) => void;
}) {
  const { client, roleplay } = useStores();
  const saved = formOf(persona);
  const { form, setForm, change, error, setError, saving, dirty, save } = useEditorForm(
    () => formOf(persona),
    (f) =>
      persona === null ||
      f.name !== saved.name ||
      f.description !== saved.description ||
      f.avatar !== saved.avatar,
    onDirty,
  );
  const ids = { name: useId(), description: useId() };

  const pickAvatar = async (): Promise<void> => {
    const file = await pickFile(AVATAR_ACCEPT, 'persona-avatar-input');
    if (!file) return;
    try {
      const avatar = await makeAvatar(file);
      change({ avatar });
    } catch {
      setError(`${file.name} could not be read as an image.`);
    }
  };

  const submit = (): Promise<void> =>
    save(form.name.trim() ? null : 'Give the persona a name.', async () => {
      const result = await client.request('personas.save', {
        ...(persona ? { id: persona.id } : {}),
        persona: {
          name: form.name.trim(),
          description: form.description.trim(),
          avatar: form.avatar,
        },
      });
      await roleplay.getState().refreshLists('persona');
      onSaved(result);
    });

  const shownName = form.name.trim() || 'New persona';
  return (
    <ManagerEditorForm
      testId="persona-editor"
      title={shownName}
      actions={actions}
      onSubmit={() => void submit()}
      footer={
        <ManagerEditorFooter
          error={error}
          dirty={dirty}
          saving={saving}
          onRevert={persona && (() => setForm(formOf(persona)))}
          saveTestId="persona-save"
          saveLabel={persona ? 'Save' : 'Create persona'}
        />
      }
    >
      <div className="flex items-center gap-4">
        <Avatar name={shownName} src={form.avatar} size={72} />
        <div className="flex flex-col gap-1.5">
          <div className="flex gap-2">
            <Button size="sm" data-testid="persona-avatar-pick" onClick={() => void pickAvatar()}>
              {form.avatar ? 'Change picture…' : 'Choose a picture…'}
            </Button>
            {form.avatar && (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setForm((f) => ({ ...f, avatar: null }))}
              >
                Remove
              </Button>
            )}
          </div>
          <p className="text-[11.5px] text-subtle">PNG, JPEG or WebP; scaled to 512 px at most.</p>
        </div>
      </div>
      <Field label="Name" htmlFor={ids.name} hint="Replaces {{user}} in prompts and cards.">
        <input
          id={ids.name}
          data-testid="persona-name"
          className={INPUT}
          value={form.name}
          placeholder="How characters call you"
          onChange={(e) => change({ name: e.target.value })}
        />
      </Field>
      <Field
        label="Description"
        htmlFor={ids.description}
        hint="Told to the model in character chats, as “{{user}}’s persona”."
      >
        <textarea
          id={ids.description}
          data-testid="persona-description"
          rows={7}
          className={TEXTAREA}
          value={form.description}
          placeholder="Appearance, background, how you speak…"
          onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))}
        />
      </Field>
    </ManagerEditorForm>
  );
}
