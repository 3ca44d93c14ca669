import { useEffect, useRef, useState } from 'react';
import { IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { JsonModePanel } from './JsonModePanel';
import { ToolsTab, type ToolsView } from './ToolsTab';
import type { ToolsPanel } from './useToolsPanel';

export type DrawerTab = 'tools' | 'json';

const TITLES: Record<ToolsView['kind'], string> = {
  list: 'Tools',
  edit: 'Tool',
  transfer: 'Import / export',
};

/**
 * The right-hand panel for function calling and JSON mode. Not modal: the chat stays usable while
 * it is open (send, watch the calls, tweak, send again).
 */
export function ToolsDrawer({
  panel,
  tab,
  setTab,
  onClose,
}: {
  panel: ToolsPanel;
  tab: DrawerTab;
  setTab: (tab: DrawerTab) => void;
  onClose: () => void;
}) {
  const [view, setView] = useState<ToolsView>({ kind: 'list' });
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const nested = tab === 'tools' && view.kind !== 'list';
  const title =
    view.kind === 'edit' ? (view.tool ? `Edit ${view.tool.name}` : 'New tool') : TITLES[view.kind];

  return (
    <aside
      ref={ref}
      tabIndex={-1}
      aria-label="Tools and JSON mode"
      data-testid="tools-drawer"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.stopPropagation();
          if (nested) setView({ kind: 'list' });
          else onClose();
        }
      }}
      className="fixed top-0 right-0 bottom-0 z-40 flex w-[min(440px,100vw)] flex-col border-l border-line bg-panel text-fg shadow-[-12px_0_32px_-12px_rgba(0,0,0,0.35)] outline-none"
    >
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-line px-3">
        {nested ? (
          <IconButton
            size="sm"
            aria-label="Back to tools"
            onClick={() => setView({ kind: 'list' })}
          >
            <Icon name="arrowLeft" size={14} />
          </IconButton>
        ) : (
          <span className="flex h-6 w-6 items-center justify-center rounded-md bg-accent-soft text-accent-text">
            <Icon name={tab === 'json' ? 'braces' : 'wrench'} size={13} />
          </span>
        )}
        <h2 className="min-w-0 flex-1 truncate text-[14px] font-semibold">
          {nested ? title : 'Tools & JSON'}
        </h2>
        <IconButton
          size="sm"
          aria-label="Close tools panel"
          data-testid="tools-close"
          onClick={onClose}
        >
          <Icon name="x" size={15} />
        </IconButton>
      </header>
      {!nested && (
        <div
          role="tablist"
          aria-label="Panel"
          className="flex shrink-0 gap-4 border-b border-line px-4"
        >
          {(
            [
              ['tools', 'Tools'],
              ['json', 'JSON mode'],
            ] as const
          ).map(([value, label]) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={tab === value}
              data-testid={`tools-tab-${value}`}
              onClick={() => setTab(value)}
              className={`-mb-px flex h-9 items-center gap-1.5 border-b-2 text-[12.5px] font-medium transition-colors ${
                tab === value
                  ? 'border-accent text-fg'
                  : 'border-transparent text-muted hover:text-fg'
              }`}
            >
              {label}
              {value === 'json' && panel.settings?.jsonMode && (
                <span className="h-1.5 w-1.5 rounded-full bg-accent" aria-label="on" />
              )}
              {value === 'tools' && panel.settings && panel.settings.enabled.length > 0 && (
                <span className="rounded-full bg-sunken px-1.5 text-[10.5px] text-subtle tabular-nums">
                  {panel.settings.enabled.length}
                </span>
              )}
            </button>
          ))}
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">
        {panel.error && (
          <div
            role="alert"
            className="mb-3 flex items-start gap-2 rounded-md border border-danger/30 bg-danger-soft px-2.5 py-2 text-[12px] text-danger"
          >
            <Icon name="alert" size={13} className="mt-px shrink-0" />
            <span className="flex-1 [overflow-wrap:anywhere]">{panel.error}</span>
            <button type="button" className="underline" onClick={panel.clearError}>
              Dismiss
            </button>
          </div>
        )}
        {!panel.loaded ? (
          <div className="flex justify-center py-10 text-subtle">
            <Spinner size={16} />
          </div>
        ) : tab === 'tools' ? (
          <ToolsTab panel={panel} view={view} setView={setView} />
        ) : (
          <JsonModePanel panel={panel} />
        )}
      </div>
    </aside>
  );
}
