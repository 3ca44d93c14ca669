import { navigate } from '../../app/router';
import { useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Menu } from '../../components/Menu';
import { useNow } from '../../components/useNow';
import { AvatarPicker } from './AvatarPicker';
import {
  deleteCharacter,
  duplicateCharacter,
  exportCharacter,
  startChat,
} from './characterActions';
import type { CharacterDraft } from './characterDrafts';
import { EditorTitleBar, SaveButton } from './EditorTitleBar';
import { agoText } from './galleryView';

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
    <EditorTitleBar
      back={{
        label: 'Back to the gallery',
        testId: 'editor-back',
        onClick: () => navigate({ screen: 'characters', characterId: null }),
      }}
      picture={
        <AvatarPicker
          name={draft.form.name}
          avatar={draft.avatar}
          onChange={(avatar) => drafts.getState().setAvatar(draftKey, avatar)}
          onError={(message) => stores.ui.getState().notify({ message })}
        />
      }
      title={
        <h1
          data-testid="editor-title"
          className={`truncate text-[19px] font-semibold tracking-tight ${draft.form.name.trim() ? 'text-fg' : 'text-subtle'}`}
        >
          {draft.form.name.trim() || (saved ? 'Unnamed' : 'New character')}
        </h1>
      }
      subtitle={
        <div className="mt-0.5 truncate text-[12.5px] text-subtle">{facts.join(' · ')}</div>
      }
      dirty={draft.dirty}
      onRevert={draft.dirty && saved ? () => drafts.getState().revert(draftKey) : null}
    >
      <SaveButton
        testId="editor-save"
        label={saved ? 'Save' : 'Create'}
        saving={draft.saving}
        disabled={!draft.dirty && saved}
        onClick={onSave}
      />
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
    </EditorTitleBar>
  );
}
