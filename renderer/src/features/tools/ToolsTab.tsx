import type { ToolDefinition } from '../../../../shared/contract/tools';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { SectionHeading } from './controls';
import { ToolEditor } from './ToolEditor';
import { BuiltinRows, DefinedToolRows } from './ToolRows';
import { ToolSettings } from './ToolSettings';
import { ToolTransfer } from './ToolTransfer';
import type { ToolsPanel } from './useToolsPanel';

export type ToolsView =
  { kind: 'list' } | { kind: 'edit'; tool: ToolDefinition | null } | { kind: 'transfer' };

/** The Tools tab: calling settings, the conversation's tools and the built-ins; or an editor. */
export function ToolsTab({
  panel,
  view,
  setView,
}: {
  panel: ToolsPanel;
  view: ToolsView;
  setView: (view: ToolsView) => void;
}) {
  const { settings, tools, builtins } = panel;
  if (!settings) return null;
  const back = (): void => setView({ kind: 'list' });

  if (view.kind === 'edit') {
    const own = view.tool;
    const taken = [
      ...builtins.map((b) => b.name),
      ...tools.filter((t) => t.id !== own?.id).map((t) => t.name),
    ];
    return (
      <ToolEditor
        key={own?.id ?? 'new'}
        tool={own}
        taken={taken}
        onSave={(input) => panel.save(own?.id ?? null, input)}
        onDone={back}
        onDelete={own ? () => void panel.remove(own.id).then(back) : undefined}
      />
    );
  }
  if (view.kind === 'transfer') return <ToolTransfer panel={panel} onDone={back} />;

  const enabled = settings.enabled;
  const enabledNames = [
    ...builtins.filter((b) => enabled.includes(b.name)).map((b) => b.name),
    ...tools.filter((t) => enabled.includes(t.name)).map((t) => t.name),
  ];
  const jsonOn = settings.jsonMode !== null;
  return (
    <div className="flex flex-col gap-5">
      {jsonOn && (
        <p className="rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-[12px] text-fg">
          JSON mode is on, so no tools are offered. Turn it off in the JSON mode tab to use tools.
        </p>
      )}
      <ToolSettings
        settings={settings}
        names={enabledNames}
        onChange={(p) => void panel.setTools(p)}
      />
      <section aria-label="Your tools" className="flex flex-col gap-1">
        <SectionHeading
          actions={
            <>
              <Button
                size="sm"
                variant="ghost"
                data-testid="tools-transfer"
                title="Import or export OpenAI tools JSON"
                onClick={() => setView({ kind: 'transfer' })}
              >
                <Icon name="upload" size={12} />
                Import / export
              </Button>
              <Button
                size="sm"
                variant="secondary"
                data-testid="tool-new"
                onClick={() => setView({ kind: 'edit', tool: null })}
              >
                <Icon name="plus" size={13} />
                New tool
              </Button>
            </>
          }
        >
          Your tools
        </SectionHeading>
        {tools.length === 0 ? (
          <button
            type="button"
            onClick={() => setView({ kind: 'edit', tool: null })}
            className="flex flex-col items-center gap-1 rounded-lg border border-dashed border-line-strong/80 px-4 py-5 text-center hover:bg-hover/40"
          >
            <span className="text-[12.5px] font-medium text-fg">No tools defined yet</span>
            <span className="text-[11.5px] text-subtle">
              Define one with a JSON Schema and a canned response, or import OpenAI tools JSON.
            </span>
          </button>
        ) : (
          <DefinedToolRows
            tools={tools}
            enabled={enabled}
            onToggle={(name, on) => void panel.toggle(name, on)}
            onEdit={(tool) => setView({ kind: 'edit', tool })}
          />
        )}
      </section>
      <section aria-label="Built-in tools" className="flex flex-col gap-1">
        <SectionHeading>Built-in · offline</SectionHeading>
        <BuiltinRows
          builtins={builtins}
          enabled={enabled}
          onToggle={(name, on) => void panel.toggle(name, on)}
        />
      </section>
    </div>
  );
}
