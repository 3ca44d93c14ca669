import { memo, useState } from 'react';
import type { Message, MessageStatus } from '../../../../shared/contract/types';
import { useChat, useStores } from '../../app/stores';
import { Avatar } from '../../components/Avatar';
import { Logo } from '../../components/Logo';
import { Icon } from '../../components/Icon';
import { BranchNav } from './BranchNav';
import { EditMessage } from './EditMessage';
import { MessageStats } from './MessageStats';
import { MessageToolbar } from './MessageToolbar';
import { PromptButton } from '../inspector/PromptButton';
import { speakerFor } from '../roleplay/castDisplay';
import { useCast } from '../roleplay/useRoleplay';
import { displayContent } from '../tools/displayContent';
import { JsonResultCard } from '../tools/JsonResultCard';
import { SectionedMarkdown } from '../tools/SectionedMarkdown';
import { ToolCallCards } from '../tools/ToolCallCards';
import { ToolResponseMessage } from '../tools/ToolResponseMessage';

const BADGES: Partial<Record<MessageStatus, { label: string; tone: string }>> = {
  aborted: { label: 'Stopped', tone: 'bg-warn-soft text-warn border-warn/30' },
  error: { label: 'Error', tone: 'bg-danger-soft text-danger border-danger/30' },
  interrupted: { label: 'Interrupted', tone: 'bg-warn-soft text-warn border-warn/30' },
};

export interface MessageItemProps {
  message: Message;
  /** The ids of this message and its alternatives, when it has any. */
  siblings: string[] | undefined;
  /** The last message of the branch (Regenerate and Continue live there). */
  isLast: boolean;
  /** A reply is being written or requested in this conversation: actions wait. */
  busy: boolean;
  /** Briefly highlighted (a search hit was opened here). */
  flash: boolean;
}

function UserMessage({ message, siblings, busy, flash }: MessageItemProps) {
  const { messageActions } = useStores();
  const [editing, setEditing] = useState(false);
  const speaker = speakerFor('user', useCast());
  return (
    <article
      data-testid="message"
      data-role="user"
      data-status={message.status}
      data-message-id={message.id}
      data-flash={flash || undefined}
      data-speaker={speaker?.name}
      aria-label={speaker ? `Message from ${speaker.name}` : 'Your message'}
      className="group flex flex-col items-end gap-1"
    >
      {speaker && (
        <div className="flex h-6 items-center gap-2 text-xs">
          <span data-testid="message-speaker" className="font-semibold text-fg">
            {speaker.name}
          </span>
          <Avatar name={speaker.name} src={speaker.avatar} size={22} />
        </div>
      )}
      {editing ? (
        <EditMessage
          initial={message.content}
          onCancel={() => setEditing(false)}
          onSend={(text) => {
            setEditing(false);
            void messageActions.edit(message.id, text);
          }}
        />
      ) : (
        <div
          data-testid="message-content"
          className="msg-text max-w-[85%] rounded-2xl rounded-br-md bg-sunken px-3.5 py-2 leading-relaxed whitespace-pre-wrap text-fg [overflow-wrap:anywhere]"
        >
          {message.content}
        </div>
      )}
      {!editing && (
        <div className="flex min-h-6 items-center gap-1">
          <MessageToolbar
            message={message}
            busy={busy}
            isLast={false}
            onEdit={() => setEditing(true)}
          />
          <BranchNav
            message={message}
            siblings={siblings}
            disabled={busy}
            onShow={(id) => void messageActions.showBranch(id)}
          />
        </div>
      )}
    </article>
  );
}

function Generating() {
  return (
    <div className="flex h-6 items-center gap-1 text-subtle" aria-label="Generating">
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          className="h-1.5 w-1.5 animate-pulse rounded-full bg-current"
          style={{ animationDelay: `${delay}ms` }}
        />
      ))}
    </div>
  );
}

function AssistantMessage({ message, siblings, isLast, busy, flash }: MessageItemProps) {
  const { messageActions } = useStores();
  const stream = useChat((s) => {
    if (message.status !== 'streaming') return null;
    for (const st of Object.values(s.streams)) if (st.messageId === message.id) return st;
    return null;
  });
  const speaker = speakerFor('assistant', useCast());
  const streaming = message.status === 'streaming';
  // A continued reply streams its old text first; until then, show what it had.
  const text = stream?.text || message.content;
  const badge = BADGES[message.status];
  return (
    <article
      data-testid="message"
      data-role="assistant"
      data-status={message.status}
      data-message-id={message.id}
      data-flash={flash || undefined}
      data-speaker={speaker?.name}
      aria-label={speaker ? `Message from ${speaker.name}` : 'Assistant message'}
      className="group flex gap-3"
    >
      <div className="mt-0.5 shrink-0">
        {speaker ? (
          <Avatar name={speaker.name} src={speaker.avatar} size={30} className="-mt-1" />
        ) : (
          <Logo size={22} />
        )}
      </div>
      <div className="min-w-0 flex-1">
        <div className="mb-1 flex h-5 items-center gap-2 text-xs">
          <span data-testid="message-speaker" className="font-semibold text-fg">
            {speaker?.name ?? 'Assistant'}
          </span>
          {message.model && (
            <span className="truncate font-mono text-[11px] text-subtle">{message.model}</span>
          )}
          {badge && (
            <span
              className={`rounded border px-1.5 text-[10px] leading-4 font-medium tracking-wide uppercase ${badge.tone}`}
            >
              {badge.label}
            </span>
          )}
        </div>
        <div data-testid="message-content">
          {streaming && !text ? (
            <Generating />
          ) : (
            <SectionedMarkdown
              text={displayContent({ ...message, content: text }, { streaming })}
              streaming={streaming}
              className="text-fg"
            />
          )}
        </div>
        <ToolCallCards message={message} text={text} />
        <JsonResultCard message={message} />
        {message.error && message.status !== 'complete' && (
          <div
            role="alert"
            className="mt-2 flex items-start gap-2 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-xs text-danger"
          >
            <Icon name="alert" size={14} className="mt-px shrink-0" />
            <span className="[overflow-wrap:anywhere]">{message.error}</span>
          </div>
        )}
        {!streaming && (
          <div className="mt-1.5 flex min-h-6 flex-wrap items-center gap-x-3 gap-y-1">
            <BranchNav
              message={message}
              siblings={siblings}
              disabled={busy}
              onShow={(id) => void messageActions.showBranch(id)}
            />
            {message.stats && <MessageStats stats={message.stats} />}
            <MessageToolbar message={message} busy={busy} isLast={isLast} />
            <PromptButton messageId={message.id} pinned={isLast} />
          </div>
        )}
      </div>
    </article>
  );
}

export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message } = props;
  if (message.role === 'user') return <UserMessage {...props} />;
  if (message.role === 'assistant') return <AssistantMessage {...props} />;
  if (message.role === 'tool') return <ToolResponseMessage message={message} />;
  return (
    <article
      data-testid="message"
      data-role={message.role}
      data-status={message.status}
      data-message-id={message.id}
      className="rounded-md border border-line bg-sunken px-3 py-2 font-mono text-xs whitespace-pre-wrap text-muted [overflow-wrap:anywhere]"
    >
      <div className="mb-1 font-sans text-[11px] font-semibold uppercase">{message.role}</div>
      <div data-testid="message-content">{message.content}</div>
    </article>
  );
});
