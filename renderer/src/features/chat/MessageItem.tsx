import { memo } from 'react';
import type { Message, MessageStatus } from '../../../../shared/contract/types';
import { IconButton } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { Logo } from '../../components/Logo';
import { Markdown } from '../../components/Markdown';
import { useChat } from '../../app/stores';
import { MessageStats } from './MessageStats';

const BADGES: Partial<Record<MessageStatus, { label: string; tone: string }>> = {
  aborted: { label: 'Stopped', tone: 'bg-warn-soft text-warn border-warn/30' },
  error: { label: 'Error', tone: 'bg-danger-soft text-danger border-danger/30' },
  interrupted: { label: 'Interrupted', tone: 'bg-warn-soft text-warn border-warn/30' },
};

interface MessageItemProps {
  message: Message;
  /** Shows Regenerate: this is the last reply and nothing is streaming. */
  canRegenerate: boolean;
  onRegenerate: () => void;
}

function UserMessage({ message }: { message: Message }) {
  return (
    <article
      data-testid="message"
      data-role="user"
      data-status={message.status}
      data-message-id={message.id}
      className="group flex items-start justify-end gap-1.5"
    >
      <div className="mt-1.5 opacity-0 transition-opacity group-hover:opacity-100 focus-within:opacity-100">
        <CopyButton text={message.content} label="Copy message" />
      </div>
      <div
        data-testid="message-content"
        className="max-w-[85%] rounded-2xl rounded-br-md bg-sunken px-3.5 py-2 text-sm leading-relaxed whitespace-pre-wrap text-fg [overflow-wrap:anywhere]"
      >
        {message.content}
      </div>
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

function AssistantMessage({ message, canRegenerate, onRegenerate }: MessageItemProps) {
  const stream = useChat((s) => {
    if (message.status !== 'streaming') return null;
    for (const st of Object.values(s.streams)) if (st.messageId === message.id) return st;
    return null;
  });
  const streaming = message.status === 'streaming';
  const text = stream ? stream.text : message.content;
  const badge = BADGES[message.status];
  return (
    <article
      data-testid="message"
      data-role="assistant"
      data-status={message.status}
      data-message-id={message.id}
      className="group flex gap-3"
    >
      <div className="mt-0.5 shrink-0">
        <Logo size={22} />
      </div>
      <div className="min-w-0 flex-1">
        <div className="mb-1 flex h-5 items-center gap-2 text-xs">
          <span className="font-semibold text-fg">Assistant</span>
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
            <Markdown text={text} streaming={streaming} className="text-fg" />
          )}
        </div>
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
          <div className="mt-1.5 flex min-h-6 items-center gap-3">
            {message.stats && <MessageStats stats={message.stats} />}
            <div
              className={`flex items-center gap-0.5 transition-opacity ${canRegenerate ? '' : 'opacity-0 group-hover:opacity-100 focus-within:opacity-100'}`}
            >
              <CopyButton text={message.content} label="Copy reply" />
              {canRegenerate && (
                <IconButton
                  size="sm"
                  aria-label="Regenerate reply"
                  data-testid="regenerate"
                  onClick={onRegenerate}
                >
                  <Icon name="refresh" size={13} />
                </IconButton>
              )}
            </div>
          </div>
        )}
      </div>
    </article>
  );
}

export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message } = props;
  if (message.role === 'user') return <UserMessage message={message} />;
  if (message.role === 'assistant') return <AssistantMessage {...props} />;
  return (
    <article
      data-testid="message"
      data-role={message.role}
      data-status={message.status}
      className="rounded-md border border-line bg-sunken px-3 py-2 font-mono text-xs whitespace-pre-wrap text-muted"
    >
      <div className="mb-1 font-sans text-[11px] font-semibold uppercase">{message.role}</div>
      <div data-testid="message-content">{message.content}</div>
    </article>
  );
});
