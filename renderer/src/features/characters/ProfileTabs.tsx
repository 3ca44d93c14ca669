import { useId } from 'react';
import { parseExampleDialogues } from '../../../../shared/personas/exampleDialogues';
import { Markdown } from '../../components/Markdown';
import type { CardField, CardForm } from './cardForm';
import { ChipsInput } from './ChipsInput';
import { Field, Section, TextAreaField, TextField } from './formControls';

export interface TabProps {
  form: CardForm;
  problems: Partial<Record<CardField, string>>;
  edit: (patch: Partial<CardForm>) => void;
}

export function IdentityTab({ form, problems, edit }: TabProps) {
  const tagsId = useId();
  return (
    <Section title="Identity" description="Who the character is in the gallery and in chats.">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          hint="{{char}} in prompts"
          testId="field-name"
          value={form.name}
          error={problems.name}
          autoFocus={form.name === ''}
          placeholder="Seraphina"
          onChange={(name) => edit({ name })}
        />
        <TextField
          label="Nickname"
          hint="optional; replaces the name in {{char}}"
          value={form.nickname}
          error={problems.nickname}
          onChange={(nickname) => edit({ nickname })}
        />
        <TextField
          label="Creator"
          value={form.creator}
          error={problems.creator}
          onChange={(creator) => edit({ creator })}
        />
        <TextField
          label="Version"
          placeholder="1.0"
          value={form.version}
          error={problems.version}
          onChange={(version) => edit({ version })}
        />
      </div>
      <Field label="Tags" hint="Enter or comma adds a tag" htmlFor={tagsId} error={problems.tags}>
        <ChipsInput
          id={tagsId}
          label="Tags"
          testId="field-tags"
          ignoreCase
          values={form.tags}
          onChange={(tags) => edit({ tags })}
          placeholder="fantasy, female, adventure…"
        />
      </Field>
    </Section>
  );
}

export function PromptTab({ form, problems, edit }: TabProps) {
  return (
    <div className="flex flex-col gap-10">
      <Section
        title="Character"
        description="Sent to the model at the start of every chat, after the system prompt."
      >
        <TextAreaField
          label="Description"
          testId="field-description"
          rows={9}
          value={form.description}
          error={problems.description}
          placeholder="{{char}} is…"
          help="Appearance, background, what they want. The heart of the card."
          onChange={(description) => edit({ description })}
        />
        <TextAreaField
          label="Personality"
          rows={3}
          value={form.personality}
          error={problems.personality}
          help="A short summary; sent as “{{char}}'s personality: …”."
          onChange={(personality) => edit({ personality })}
        />
        <TextAreaField
          label="Scenario"
          rows={3}
          value={form.scenario}
          error={problems.scenario}
          help="Where and how the chat begins; sent as “Scenario: …”."
          onChange={(scenario) => edit({ scenario })}
        />
      </Section>
      <Section
        title="Prompt overrides"
        description={
          <>
            Leave empty to use the chat&apos;s preset. Inside an override,{' '}
            <code className="rounded bg-sunken px-1 font-mono text-[11.5px] text-fg">
              {'{{original}}'}
            </code>{' '}
            stands for the preset&apos;s own text, so you can add to it instead of replacing it.
          </>
        }
      >
        <TextAreaField
          label="System prompt"
          testId="field-system-prompt"
          rows={5}
          mono
          value={form.systemPrompt}
          error={problems.systemPrompt}
          placeholder="{{original}}"
          onChange={(systemPrompt) => edit({ systemPrompt })}
        />
        <TextAreaField
          label="Post-history instructions"
          rows={4}
          mono
          value={form.postHistoryInstructions}
          error={problems.postHistoryInstructions}
          placeholder="{{original}}"
          help="Sent after the chat history, right before the reply: the last thing the model reads."
          onChange={(postHistoryInstructions) => edit({ postHistoryInstructions })}
        />
      </Section>
    </div>
  );
}

export function ExamplesTab({ form, problems, edit }: TabProps) {
  const blocks = parseExampleDialogues(form.examples).length;
  return (
    <Section
      title="Example dialogues"
      description="How the character talks. The model sees these as examples, not as part of the chat."
    >
      <TextAreaField
        label="Examples"
        hint={blocks > 0 ? `${blocks} dialogue${blocks === 1 ? '' : 's'}` : undefined}
        testId="field-examples"
        rows={16}
        mono
        value={form.examples}
        error={problems.examples}
        placeholder={'<START>\n{{user}}: Who are you?\n{{char}}: *She smiles.* A friend.'}
        help={
          <>
            Begin each example with a line saying <code className="font-mono">&lt;START&gt;</code>;
            write turns as <code className="font-mono">{'{{user}}:'}</code> and{' '}
            <code className="font-mono">{'{{char}}:'}</code>.
          </>
        }
        onChange={(examples) => edit({ examples })}
      />
    </Section>
  );
}

export function NotesTab({ form, problems, edit }: TabProps) {
  return (
    <Section
      title="Creator notes"
      description="Notes from the card's author for you. Never sent to the model."
    >
      <TextAreaField
        label="Notes"
        hint="Markdown"
        testId="field-creator-notes"
        rows={8}
        value={form.creatorNotes}
        error={problems.creatorNotes}
        onChange={(creatorNotes) => edit({ creatorNotes })}
      />
      <div className="flex flex-col gap-1.5">
        <span className="text-[12px] font-medium">Preview</span>
        <div
          data-testid="creator-notes-preview"
          className="max-h-[28rem] overflow-y-auto rounded-lg border border-line bg-panel/50 px-4 py-3 text-[13.5px]"
        >
          {form.creatorNotes.trim() ? (
            <Markdown text={form.creatorNotes} />
          ) : (
            <p className="text-[12.5px] text-subtle">Nothing to show.</p>
          )}
        </div>
      </div>
    </Section>
  );
}
