import { useEffect, useId, useState } from 'react';
import type { Preset } from '../../../../shared/contract/personas';
import { useChat, useStores } from '../../app/stores';
import { Avatar } from '../../components/Avatar';
import { toShownError } from '../../components/errors';
import { Icon } from '../../components/Icon';
import { Field, LinkButton, SELECT, TEXTAREA } from './Field';
import { LorebookPicker } from './LorebookPicker';
import { useCast, useRoleplay } from './useRoleplay';

function PresetOptions({ presets }: { presets: Preset[] }) {
  const builtins = presets.filter((p) => p.builtin);
  const own = presets.filter((p) => !p.builtin);
  return (
    <>
      {builtins.length > 0 && (
        <optgroup label="Built-in">
          {builtins.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </optgroup>
      )}
      {own.length > 0 && (
        <optgroup label="Your presets">
          {own.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}

/** The conversation's own system prompt; a preset copies its text here. Saved on blur. */
function SystemPrompt({ id }: { id: string }) {
  const saved = useChat((s) => (s.conversation?.id === id ? s.conversation.systemPrompt : null));
  // A new saved text (a preset was chosen) starts the editor over.
  return saved === null ? null : <SystemPromptEditor key={saved} id={id} saved={saved} />;
}

function SystemPromptEditor({ id, saved }: { id: string; saved: string }) {
  const { client, chat } = useStores();
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const save = async (): Promise<void> => {
    if (text === saved) return;
    try {
      const conversation = await client.request('conversations.update', { id, systemPrompt: text });
      chat.getState().setConversation(conversation);
      setError(null);
    } catch (e) {
      setError(toShownError(e).message);
    }
  };
  return (
    <Field
      label="System prompt of this chat"
      htmlFor={fieldId}
      hint={error ?? 'Edit freely: choosing a preset replaces this text.'}
    >
      <textarea
        id={fieldId}
        data-testid="setup-system-prompt"
        rows={4}
        value={text}
        placeholder="No system prompt"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void save()}
        className={`${TEXTAREA} max-h-48 text-[12.5px]`}
      />
    </Field>
  );
}

/** The setup of the shown conversation: preset, character, persona and lorebooks. */
export function SetupPanel({
  conversationId,
  onClose,
}: {
  conversationId: string;
  onClose: () => void;
}) {
  const { roleplay } = useStores();
  const cast = useCast();
  const presets = useRoleplay((s) => s.presets);
  const personas = useRoleplay((s) => s.personas);
  const characters = useRoleplay((s) => s.characters);
  const error = useRoleplay((s) => s.error);
  const ids = { preset: useId(), character: useId(), persona: useId() };

  useEffect(() => {
    void roleplay.getState().refreshLists();
  }, [roleplay]);

  const setup = cast?.roleplay;
  const update = roleplay.getState().update;
  const manage = (manager: 'presets' | 'personas'): void => {
    onClose();
    roleplay.getState().openManager(manager);
  };
  const defaultPersona = personas?.find((p) => p.isDefault);
  const character = cast?.character ?? null;

  return (
    <div className="flex min-h-0 flex-col" data-conversation={conversationId}>
      <div className="flex items-center gap-3 border-b border-line px-4 py-3">
        {character ? (
          <Avatar name={character.name} src={character.avatar} size={36} />
        ) : (
          <span className="flex h-9 w-9 items-center justify-center rounded-full border border-dashed border-line-strong text-subtle">
            <Icon name="chat" size={16} />
          </span>
        )}
        <div className="min-w-0">
          <h2 className="text-[14px] font-semibold">Conversation setup</h2>
          <p className="truncate text-[12px] text-muted">
            {character ? `Chatting with ${character.name}` : 'A plain chat with the assistant'}
          </p>
        </div>
      </div>
      <div className="flex min-h-0 flex-col gap-4 overflow-y-auto px-4 py-3.5">
        {error && (
          <p
            role="alert"
            className="rounded-md bg-danger-soft px-2.5 py-1.5 text-[12px] text-danger"
          >
            {error}
          </p>
        )}
        <Field label="Character" htmlFor={ids.character}>
          <select
            id={ids.character}
            data-testid="setup-character"
            className={SELECT}
            value={setup?.characterId ?? ''}
            disabled={!setup}
            onChange={(e) => void update({ characterId: e.target.value || null })}
          >
            <option value="">No character</option>
            {(characters ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="You are"
          htmlFor={ids.persona}
          action={
            <LinkButton testId="setup-manage-personas" onClick={() => manage('personas')}>
              Manage personas…
            </LinkButton>
          }
        >
          <select
            id={ids.persona}
            data-testid="setup-persona"
            className={SELECT}
            value={setup?.personaId ?? ''}
            disabled={!setup}
            onChange={(e) => void update({ personaId: e.target.value || null })}
          >
            <option value="">
              {defaultPersona ? `Default persona (${defaultPersona.name})` : 'Default (User)'}
            </option>
            {(personas ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Preset"
          htmlFor={ids.preset}
          action={
            <LinkButton testId="setup-manage-presets" onClick={() => manage('presets')}>
              Manage presets…
            </LinkButton>
          }
        >
          <select
            id={ids.preset}
            data-testid="setup-preset"
            className={SELECT}
            value={setup?.presetId ?? ''}
            disabled={!setup}
            onChange={(e) => void update({ presetId: e.target.value || null })}
          >
            <option value="">None (keep this chat’s prompt)</option>
            <PresetOptions presets={presets ?? []} />
          </select>
        </Field>
        <SystemPrompt id={conversationId} />
        <LorebookPicker
          selected={setup?.lorebookIds ?? []}
          disabled={!setup}
          onChange={(lorebookIds) => void update({ lorebookIds })}
        />
      </div>
    </div>
  );
}
