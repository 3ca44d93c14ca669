import type { Message } from '../../../../shared/contract/types';
import { Icon } from '../../components/Icon';

/**
 * A tool turn in the conversation. Its content is already on the call card above, so it is a
 * quiet, collapsed line that opens to the exact text the model received.
 */
export function ToolResponseMessage({ message }: { message: Message }) {
  const name = /^\{"name": "([^"]+)"/.exec(message.content)?.[1];
  return (
    <article
      data-testid="message"
      data-role={message.role}
      data-status={message.status}
      data-message-id={message.id}
      aria-label="Tool response"
      className="pl-[34px]"
    >
      <details className="group/tool">
        <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md px-1.5 py-0.5 text-[11.5px] text-subtle select-none hover:bg-hover hover:text-fg [&::-webkit-details-marker]:hidden">
          <Icon
            name="chevronRight"
            size={11}
            className="transition-transform group-open/tool:rotate-90"
          />
          <Icon name="wrench" size={11} />
          Tool response{name ? ` · ${name}` : ''} sent to the model
        </summary>
        <div
          data-testid="message-content"
          className="mt-1 max-h-72 overflow-auto rounded-md border border-line bg-sunken/50 px-2.5 py-1.5"
        >
          <pre className="font-mono text-[12px] whitespace-pre-wrap text-muted [overflow-wrap:anywhere]">
            {message.content}
          </pre>
        </div>
      </details>
    </article>
  );
}
