import type { Message } from '../../../../shared/contract/types';
import { Icon } from '../../components/Icon';
import { writtenCalls } from './displayContent';
import { ToolCallCard, WritingCallCard } from './ToolCallCard';

/**
 * The call cards of an assistant message, in call order. While the reply streams, a call the
 * model is still writing shows as a placeholder until Talaria records it.
 */
export function ToolCallCards({ message, text }: { message: Message; text?: string }) {
  const calls = message.toolCalls ?? [];
  const streaming = message.status === 'streaming';
  const written = streaming ? writtenCalls(text ?? message.content) : [];
  const writing = written.slice(calls.length);
  // A finished step can carry a notice (e.g. the loop reached its maximum depth).
  const notice = message.status === 'complete' && calls.length > 0 ? message.error : null;
  if (calls.length === 0 && writing.length === 0) return null;
  return (
    <div className="mt-2 flex flex-col gap-1.5" data-testid="tool-call-cards">
      {calls.map((call) => (
        <ToolCallCard key={call.id} call={call} />
      ))}
      {writing.map((w, i) => (
        <WritingCallCard key={`w${i}`} raw={w.raw} closed={w.closed} />
      ))}
      {notice && (
        <p
          data-testid="tool-loop-notice"
          className="flex items-start gap-1.5 px-1 text-[11.5px] text-warn"
        >
          <Icon name="alert" size={12} className="mt-px shrink-0" />
          {notice}
        </p>
      )}
    </div>
  );
}
