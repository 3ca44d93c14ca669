import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { navigate } from '../../app/router';
import { useStores } from '../../app/stores';
import { Button, focusRing } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { ErrorNote } from '../library/ErrorNote';
import { fieldOfError, greetingCount, type CardField, type CardForm } from './cardForm';
import { CardLorebookTab } from './CardLorebookTab';
import { saveCharacter } from './characterActions';
import { EditorHeader } from './EditorHeader';
import { GreetingsTab } from './GreetingsTab';
import { ExamplesTab, IdentityTab, NotesTab, PromptTab, type TabProps } from './ProfileTabs';
import { useCharacterDrafts } from './useCharacterStores';
import { useSaveShortcut } from './useSaveShortcut';

type EditorTab = 'identity' | 'prompt' | 'greetings' | 'examples' | 'notes' | 'lorebook';

const TAB_OF: Record<CardField, EditorTab> = {
  name: 'identity',
  nickname: 'identity',
  creator: 'identity',
  version: 'identity',
  tags: 'identity',
  description: 'prompt',
  personality: 'prompt',
  scenario: 'prompt',
  systemPrompt: 'prompt',
  postHistoryInstructions: 'prompt',
  firstMessage: 'greetings',
  alternateGreetings: 'greetings',
  examples: 'examples',
  creatorNotes: 'notes',
  book: 'lorebook',
};

const TABS: { tab: EditorTab; label: string; count?: (form: CardForm) => number }[] = [
  { tab: 'identity', label: 'Identity' },
  { tab: 'prompt', label: 'Prompt' },
  { tab: 'greetings', label: 'Greetings', count: greetingCount },
  { tab: 'examples', label: 'Examples' },
  { tab: 'notes', label: 'Notes' },
  { tab: 'lorebook', label: 'Lorebook', count: (form) => form.book?.entries.length ?? 0 },
];

const PANELS: Record<EditorTab, (props: TabProps) => ReactNode> = {
  identity: IdentityTab,
  prompt: PromptTab,
  greetings: GreetingsTab,
  examples: ExamplesTab,
  notes: NotesTab,
  lorebook: CardLorebookTab,
};

/** One character's editor (`#/characters/<id>`, or `new`). */
export function CharacterEditor({ draftKey }: { draftKey: string }) {
  const stores = useStores();
  const drafts = stores.characters.characterDrafts;
  const draft = useCharacterDrafts((s) => s.drafts[draftKey]);
  const [tab, setTab] = useState<EditorTab>('identity');
  const missing = draft === undefined;

  useEffect(() => {
    if (missing) void drafts.getState().open(draftKey);
  }, [drafts, draftKey, missing]);

  const save = useCallback(() => {
    void saveCharacter(stores, draftKey).then((id) => {
      // A failed save that names a field shows the tab that holds it.
      const problems = drafts.getState().drafts[draftKey]?.problems ?? {};
      const field = (Object.keys(problems) as CardField[])[0];
      if (!id && field) setTab(TAB_OF[field]);
    });
  }, [stores, drafts, draftKey]);
  useSaveShortcut(save);

  if (!draft || draft.loading) {
    return (
      <div className="flex flex-1 items-center justify-center gap-2 text-[13px] text-subtle">
        <Spinner size={14} /> Opening the character…
      </div>
    );
  }
  if (!draft.loaded && draft.error) {
    return (
      <div className="mx-auto mt-16 flex w-full max-w-md flex-col gap-3 px-6">
        <ErrorNote error={draft.error} />
        <Button onClick={() => navigate({ screen: 'characters', characterId: null })}>
          <Icon name="arrowLeft" size={14} /> Back to the gallery
        </Button>
      </div>
    );
  }
  const Panel = PANELS[tab];
  const problemTabs = new Set((Object.keys(draft.problems) as CardField[]).map((f) => TAB_OF[f]));
  const generalError =
    draft.error && fieldOfError(draft.error.message) === null ? draft.error : null;
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="character-editor">
      <EditorHeader draftKey={draftKey} draft={draft} onSave={save} />
      <div className="shrink-0 border-b border-line">
        <div
          role="tablist"
          aria-label="Character sections"
          className="mx-auto flex w-full max-w-4xl gap-5 overflow-x-auto px-6"
        >
          {TABS.map(({ tab: t, label, count }) => {
            const active = t === tab;
            const n = count?.(draft.form);
            return (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={active}
                data-testid={`editor-tab-${t}`}
                onClick={() => setTab(t)}
                className={`relative flex h-10 shrink-0 items-center gap-1.5 px-0.5 text-[13px] font-medium transition-colors ${focusRing} ${
                  active ? 'text-fg' : 'text-subtle hover:text-fg'
                }`}
              >
                {label}
                {n !== undefined && n > 0 && (
                  <span
                    className={`rounded-full px-1.5 text-[10.5px] leading-4 tabular-nums ${
                      active ? 'bg-accent text-white' : 'bg-sunken text-muted'
                    }`}
                  >
                    {n}
                  </span>
                )}
                {problemTabs.has(t) && (
                  <span className="h-1.5 w-1.5 rounded-full bg-danger" aria-label="has a problem" />
                )}
                {active && (
                  <span className="absolute inset-x-0 bottom-0 h-0.5 rounded-full bg-accent" />
                )}
              </button>
            );
          })}
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div role="tabpanel" className="mx-auto flex w-full max-w-4xl flex-col gap-4 px-6 py-6">
          {generalError && <ErrorNote error={generalError} testId="editor-error" />}
          <div>
            <Panel
              form={draft.form}
              problems={draft.problems}
              edit={(patch) => drafts.getState().edit(draftKey, patch)}
            />
          </div>
        </div>
      </div>
    </div>
  );
}
