import { Button } from '../components/Button';
import { Icon } from '../components/Icon';

export function ConnectionLostBanner() {
  return (
    <div
      role="alert"
      data-testid="connection-lost"
      className="flex shrink-0 items-center gap-3 border-b border-danger/30 bg-danger-soft px-4 py-2 text-[13px] text-danger"
    >
      <Icon name="plug" size={15} className="shrink-0" />
      <span className="flex-1">
        <span className="font-semibold">Connection lost.</span> Talaria’s backend stopped or the
        connection dropped. Your chats are saved; reload to reconnect.
      </span>
      <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
        <Icon name="refresh" size={13} />
        Reload
      </Button>
    </div>
  );
}
