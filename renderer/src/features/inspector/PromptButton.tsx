import { useState } from 'react';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { PromptInspector } from './PromptInspector';

/** The "Prompt" action under an assistant reply: opens the prompt inspector for it. */
export function PromptButton({
  messageId,
  pinned = false,
}: {
  messageId: string;
  /** Always in view (the last reply); otherwise shown on hover like the other actions. */
  pinned?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconButton
        size="sm"
        aria-label="Inspect prompt"
        title="Prompt: the exact text the model saw"
        data-testid="prompt-inspect"
        onClick={() => setOpen(true)}
        className={pinned ? '' : 'opacity-0 group-hover:opacity-100 focus-visible:opacity-100'}
      >
        <Icon name="code" size={13} />
      </IconButton>
      {open && <PromptInspector messageId={messageId} onClose={() => setOpen(false)} />}
    </>
  );
}
