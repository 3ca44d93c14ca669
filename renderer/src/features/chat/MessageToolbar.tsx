import type { Message } from '../../../../shared/contract/types';
import { useStores } from '../../app/stores';
import { IconButton } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { copyText } from './copyText';
import { canContinue } from './messageOps';

interface MessageToolbarProps {
  message: Message;
  busy: boolean;
  /** The last message of the branch: Regenerate and Continue are offered here. */
  isLast: boolean;
  /** User messages: opens the inline editor. */
  onEdit?: () => void;
}

/**
 * The actions under a message. Hidden until hover or keyboard focus, except on the last reply,
 * where Regenerate stays in view.
 */
export function MessageToolbar({ message, busy, isLast, onEdit }: MessageToolbarProps) {
  const { chat, ui, messageActions } = useStores();
  const assistant = message.role === 'assistant';
  const pinned = assistant && isLast;
  const askDelete = (): void =>
    ui.getState().ask({
      title: 'Delete message?',
      body:
        'This message and every reply below it, in every version, will be deleted. This cannot ' +
        'be undone.',
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: () => messageActions.remove(message.id),
    });
  return (
    <div
      role="toolbar"
      aria-label={assistant ? 'Reply actions' : 'Message actions'}
      className={`flex items-center gap-0.5 transition-opacity ${pinned ? '' : 'opacity-0 group-hover:opacity-100 focus-within:opacity-100'}`}
    >
      <CopyButton text={copyText(message)} label={assistant ? 'Copy reply' : 'Copy message'} />
      {onEdit && (
        <IconButton
          size="sm"
          aria-label="Edit and resend"
          data-testid="edit-message"
          disabled={busy}
          onClick={onEdit}
        >
          <Icon name="pencil" size={13} />
        </IconButton>
      )}
      {assistant && isLast && (
        <IconButton
          size="sm"
          aria-label="Regenerate reply"
          title="Regenerate reply (Ctrl+Shift+R)"
          data-testid="regenerate"
          disabled={busy}
          onClick={() => void chat.getState().regenerate()}
        >
          <Icon name="refresh" size={13} />
        </IconButton>
      )}
      {isLast && canContinue(message) && (
        <IconButton
          size="sm"
          aria-label="Continue reply"
          data-testid="continue"
          disabled={busy}
          onClick={() => void messageActions.continueReply()}
        >
          <Icon name="play" size={12} />
        </IconButton>
      )}
      <IconButton
        size="sm"
        aria-label="Fork a new chat from here"
        data-testid="fork-message"
        onClick={() => void messageActions.fork(message.id)}
      >
        <Icon name="fork" size={13} />
      </IconButton>
      <IconButton
        size="sm"
        aria-label="Delete message"
        data-testid="delete-message"
        disabled={busy}
        onClick={askDelete}
        className="hover:!text-danger"
      >
        <Icon name="trash" size={13} />
      </IconButton>
    </div>
  );
}
