import { useState } from 'react';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { ToolsDrawer, type DrawerTab } from './ToolsDrawer';
import { useToolsPanel } from './useToolsPanel';

/**
 * The chat header's Tools button and the drawer it opens. The badge tells at a glance whether
 * tools are offered (how many) or JSON mode is on.
 */
export function ToolsButton({ conversationId }: { conversationId: string }) {
  const panel = useToolsPanel(conversationId);
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<DrawerTab>('tools');
  const settings = panel.settings;
  const json = settings?.jsonMode != null;
  const count = settings?.enabled.length ?? 0;
  const label = json
    ? 'Tools & JSON (JSON mode on)'
    : count > 0
      ? `Tools & JSON (${count} ${count === 1 ? 'tool' : 'tools'} on)`
      : 'Tools & JSON';
  return (
    <>
      <IconButton
        aria-label={label}
        aria-expanded={open}
        data-testid="open-tools"
        onClick={() => {
          if (!open) void panel.refresh();
          setOpen(!open);
        }}
        className={`relative ${open ? 'bg-hover text-fg' : ''}`}
      >
        <Icon name="wrench" size={16} />
        {(json || count > 0) && (
          <span
            data-testid="tools-badge"
            className="absolute -top-0.5 -right-0.5 flex h-3.5 min-w-3.5 items-center justify-center rounded-full bg-accent px-1 text-[9px] leading-none font-semibold text-white tabular-nums"
          >
            {json ? '{}' : count}
          </span>
        )}
      </IconButton>
      {open && (
        <ToolsDrawer panel={panel} tab={tab} setTab={setTab} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
