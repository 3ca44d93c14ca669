import type { ReactNode } from 'react';
import type { BuiltinTool, ToolDefinition } from '../../../../shared/contract/tools';
import { builtinIcon } from './builtinIcon';
import { IconButton } from '../../components/Button';
import { Icon, type IconName } from '../../components/Icon';
import { Chip, Switch } from './controls';

function Row({
  name,
  description,
  glyph,
  enabled,
  onToggle,
  badge,
  onEdit,
  disabled,
}: {
  name: string;
  description: string;
  glyph: IconName;
  enabled: boolean;
  onToggle: (on: boolean) => void;
  badge?: ReactNode;
  onEdit?: () => void;
  disabled?: boolean;
}) {
  return (
    <li
      data-testid="tool-row"
      data-name={name}
      data-enabled={enabled}
      className="group flex items-start gap-2.5 rounded-lg px-2 py-2 hover:bg-hover/60"
    >
      <span
        className={`mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-md border ${
          enabled
            ? 'border-accent/25 bg-accent-soft text-accent-text'
            : 'border-line bg-sunken text-subtle'
        }`}
      >
        <Icon name={glyph} size={14} />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-1.5">
          <span className="truncate font-mono text-[12.5px] font-semibold text-fg">{name}</span>
          {badge}
        </div>
        <p className="mt-0.5 line-clamp-2 text-[11.5px] leading-snug text-subtle">
          {description || <span className="italic">No description</span>}
        </p>
      </div>
      <div className="flex shrink-0 items-center gap-1 pt-1">
        {onEdit && (
          <IconButton
            size="sm"
            aria-label={`Edit ${name}`}
            data-testid="tool-edit"
            onClick={onEdit}
            className="opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
          >
            <Icon name="pencil" size={12} />
          </IconButton>
        )}
        <Switch
          size="sm"
          label={`Offer ${name} to the model`}
          testId={`tool-toggle-${name}`}
          checked={enabled}
          disabled={disabled}
          onChange={onToggle}
        />
      </div>
    </li>
  );
}

export function DefinedToolRows({
  tools,
  enabled,
  onToggle,
  onEdit,
  disabled,
}: {
  tools: ToolDefinition[];
  enabled: string[];
  onToggle: (name: string, on: boolean) => void;
  onEdit: (tool: ToolDefinition) => void;
  disabled?: boolean;
}) {
  return (
    <ul className="-mx-2 flex flex-col">
      {tools.map((t) => (
        <Row
          key={t.id}
          name={t.name}
          description={t.description}
          glyph="wrench"
          enabled={enabled.includes(t.name)}
          onToggle={(on) => onToggle(t.name, on)}
          onEdit={() => onEdit(t)}
          disabled={disabled}
          badge={
            t.mock.mode === 'ask' ? (
              <Chip tone="warn" title="Pauses and lets you answer">
                Ask me
              </Chip>
            ) : (
              <Chip title="Answers a fixed response">Canned</Chip>
            )
          }
        />
      ))}
    </ul>
  );
}

export function BuiltinRows({
  builtins,
  enabled,
  onToggle,
  disabled,
}: {
  builtins: BuiltinTool[];
  enabled: string[];
  onToggle: (name: string, on: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <ul className="-mx-2 flex flex-col">
      {builtins.map((b) => (
        <Row
          key={b.name}
          name={b.name}
          description={b.description}
          glyph={builtinIcon(b.name)}
          enabled={enabled.includes(b.name)}
          onToggle={(on) => onToggle(b.name, on)}
          disabled={disabled}
        />
      ))}
    </ul>
  );
}
