import type { Message } from '../../../../shared/contract/types';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { branchPosition } from './branches';

/** ‹ 2/3 ›: steps through the alternatives of a message in place. */
export function BranchNav({
  message,
  siblings,
  disabled,
  onShow,
}: {
  message: Message;
  siblings: string[] | undefined;
  disabled: boolean;
  onShow: (messageId: string) => void;
}) {
  const position = branchPosition(siblings ? { [message.parentId ?? '']: siblings } : {}, message);
  if (!position) return null;
  const { index, count, previousId, nextId } = position;
  return (
    <div
      className="flex items-center text-[11px] text-muted tabular-nums"
      role="group"
      aria-label={`Version ${index} of ${count}`}
      data-testid="branch-nav"
    >
      <IconButton
        size="sm"
        aria-label="Previous version"
        data-testid="branch-prev"
        disabled={disabled || !previousId}
        onClick={() => previousId && onShow(previousId)}
      >
        <Icon name="chevronLeft" size={13} />
      </IconButton>
      <span data-testid="branch-position" className="min-w-7 text-center">
        {index}/{count}
      </span>
      <IconButton
        size="sm"
        aria-label="Next version"
        data-testid="branch-next"
        disabled={disabled || !nextId}
        onClick={() => nextId && onShow(nextId)}
      >
        <Icon name="chevronRight" size={13} />
      </IconButton>
    </div>
  );
}
