import { navigate } from '../../app/router';
import { useStores } from '../../app/stores';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Menu } from '../../components/Menu';
import { MOD_KEY } from '../../components/shortcuts';
import { Spinner } from '../../components/Spinner';
import { AvatarPicker } from './AvatarPicker';
import {
  deleteCharacter,
  duplicateCharacter,
  exportCharacter,
  startChat,
} from './characterActions';
import type { CharacterDraft } from './characterDrafts';
import { agoText } from './galleryView';
import { useNow } from './useNow';

const menuTrigger =
  'h-8 gap-1.5 border border-line-strong/70 bg-raised px-3 text-[13px] font-medium !text-fg shadow-xs hover:bg-hover';

/** The editor's title bar: avatar, name and facts, and what can be done with the character. */
export function EditorHeader({
  draftKey,
  draft,
  onSave,
}: {
  draftKey: string;
  draft: CharacterDraft;
  onSave: () => void;
}) {
  const stores = useStores();
  const now = useNow();
  const drafts = stores.characters.characterDrafts;
  const saved = draft.id !== null;
  const facts = [
    draft.form.creator.trim() && `by ${draft.form.creator.trim()}`,
    draft.form.version.trim() && `v${draft.form.version.trim().replace(/^v/i, '')}`,
    draft.updatedAt !== null && `edited ${agoText(draft.updatedAt, now)}`,
    !saved && 'Not saved yet: fill in a name, then create',
  ].filter(Boolean);
  return (
    <header className="shrink-0 border-b border-line bg-panel/50">
      <div className="mx-auto flex w-full max-w-4xl items-center gap-4 px-6 py-4">
        <IconButton
          aria-label="Back to the gallery"
          data-testid="editor-back"
          onClick={() => navigate({ screen: 'characters', characterId: null })}
        >
          <Icon name="arrowLeft" size={16} />
        </IconButton>
        <AvatarPicker
          name={draft.form.name}
          avatar={draft.avatar}
          onChange={(avatar) => drafts.getState().setAvatar(draftKey, avatar)}
          onError={(message) => stores.ui.getState().notify({ message })}
        />
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 items-center gap-2.5">
            <h1
              data-testid="editor-title"
              className={`truncate text-[19px] font-semibold tracking-tight ${draft.form.name.trim() ? 'text-fg' : 'text-subtle'}`}
            >
              {draft.form.name.trim() || (saved ? 'Unnamed' : 'New character')}
            </h1>
            {draft.dirty && (
              <span
                data-testid="unsaved-badge"
                className="inline-flex h-5 shrink-0 items-center gap-1.5 rounded-full border border-warn/35 bg-warn-soft px-2 text-[11px] font-medium text-warn"
              >
                <span className="h-1.5 w-1.5 rounded-full bg-warn" /> Unsaved changes
              </span>
            )}
          </div>
          <div className="mt-0.5 truncate text-[12.5px] text-subtle">{facts.join(' · ')}</div>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {draft.dirty && saved && (
            <Button variant="ghost" onClick={() => drafts.getState().revert(draftKey)}>
              Revert
            </Button>
          )}
          <Button
            data-testid="editor-save"
            title={`Save (${MOD_KEY}+S)`}
            disabled={!draft.dirty && saved}
            onClick={onSave}
          >
            {draft.saving ? <Spinner size={13} /> : <Icon name="check" size={14} />}
            {saved ? 'Save' : 'Create'}
          </Button>
          <Button
            variant="primary"
            data-testid="start-chat"
            disabled={draft.saving}
            onClick={() => void startChat(stores, draftKey)}
          >
            <Icon name="chat" size={14} /> Start chat
          </Button>
          <Menu
            label="Export"
            testId="export-menu"
            triggerClassName={menuTrigger}
            trigger={
              <>
                <Icon name="download" size={14} /> Export
                <Icon name="chevronDown" size={13} className="-mr-0.5 opacity-70" />
              </>
            }
            items={[
              {
                label: 'PNG card',
                icon: 'image',
                testId: 'export-png',
                disabled: !saved,
                onSelect: () => void exportCharacter(stores, draftKey, 'png'),
              },
              {
                label: 'JSON card',
                icon: 'braces',
                testId: 'export-json',
                disabled: !saved,
                onSelect: () => void exportCharacter(stores, draftKey, 'json'),
              },
            ]}
          />
          <Menu
            label="More actions"
            testId="character-more"
            triggerClassName="h-8 w-8"
            trigger={<Icon name="more" size={16} />}
            items={[
              {
                label: 'Duplicate',
                icon: 'duplicate',
                testId: 'duplicate-character',
                onSelect: () => void duplicateCharacter(stores, draftKey),
              },
              {
                label: saved ? 'Delete…' : 'Discard',
                icon: 'trash',
                danger: true,
                testId: 'delete-character',
                onSelect: () => deleteCharacter(stores, draftKey),
              },
            ]}
          />
        </div>
      </div>
    </header>
  );
}
