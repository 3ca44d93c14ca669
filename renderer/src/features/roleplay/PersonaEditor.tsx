import { useEffect, useId, useState, type ReactNode } from 'react';
import type { UserPersona } from '../../../../shared/contract/personas';
import { useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { toShownError } from '../../components/errors';
import { Avatar } from './Avatar';
import { resizeAvatar } from './avatarImage';
import { Field, INPUT, TEXTAREA } from './Field';
import { pickFile } from './files';

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
  const [form, setForm] = useState<PersonaForm>(() => formOf(persona));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { name: useId(), description: useId() };
  const saved = formOf(persona);
  const dirty =
    persona === null ||
    form.name !== saved.name ||
    form.description !== saved.description ||
    form.avatar !== saved.avatar;

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const pickAvatar = async (): Promise<void> => {
    const file = await pickFile(
      'image/png,image/jpeg,image/webp,image/gif',
      'persona-avatar-input',
    );
    if (!file) return;
    try {
      const avatar = await resizeAvatar(file);
      setForm((f) => ({ ...f, avatar }));
      setError(null);
    } catch {
      setError(`${file.name} could not be read as an image.`);
    }
  };

  const save = async (): Promise<void> => {
    if (!form.name.trim()) return setError('Give the persona a name.');
    setSaving(true);
    try {
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
    } catch (e) {
      setError(toShownError(e).message);
    } finally {
      setSaving(false);
    }
  };

  const shownName = form.name.trim() || 'New persona';
  return (
    <form
      className="flex min-h-0 flex-1 flex-col"
      data-testid="persona-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="flex items-center gap-2 border-b border-line px-5 py-2.5">
        <h3 className="min-w-0 flex-1 truncate text-[14px] font-semibold">{shownName}</h3>
        {actions}
      </div>
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-5 py-4">
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
            <p className="text-[11.5px] text-subtle">
              PNG, JPEG or WebP; scaled to 512 px at most.
            </p>
          </div>
        </div>
        <Field label="Name" htmlFor={ids.name} hint="Replaces {{user}} in prompts and cards.">
          <input
            id={ids.name}
            data-testid="persona-name"
            className={INPUT}
            value={form.name}
            placeholder="How characters call you"
            onChange={(e) => {
              setForm((f) => ({ ...f, name: e.target.value }));
              setError(null);
            }}
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
      </div>
      <div className="flex items-center gap-2 border-t border-line bg-panel/60 px-5 py-2.5">
        <span role="status" className="mr-auto text-[12px] text-danger">
          {error}
        </span>
        {persona && (
          <Button
            size="sm"
            variant="ghost"
            disabled={!dirty}
            onClick={() => setForm(formOf(persona))}
          >
            Revert
          </Button>
        )}
        <Button
          size="sm"
          variant="primary"
          type="submit"
          data-testid="persona-save"
          disabled={!dirty || saving}
        >
          {persona ? 'Save' : 'Create persona'}
        </Button>
      </div>
    </form>
  );
}
