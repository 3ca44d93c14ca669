import { useMemo, useState } from 'react';
import { Icon } from '../../components/Icon';
import {
  buildJsonTree,
  collapsedSummary,
  initiallyCollapsed,
  isBranch,
  type JsonKind,
  type JsonNode,
} from './jsonTree';

const VALUE_TONE: Record<JsonKind, string> = {
  string: 'text-emerald-700 dark:text-emerald-300',
  number: 'text-sky-700 dark:text-sky-300',
  boolean: 'text-violet-700 dark:text-violet-300',
  null: 'text-subtle italic',
  object: 'text-subtle',
  array: 'text-subtle',
};

interface RowProps {
  node: JsonNode;
  level: number;
  last: boolean;
  collapsed: Set<string>;
  toggle: (path: string) => void;
}

function Key({ node }: { node: JsonNode }) {
  if (node.key === null) return null;
  return (
    <>
      <span className={node.index ? 'text-subtle' : 'text-rose-700 dark:text-rose-300'}>
        {node.index ? node.key : `"${node.key}"`}
      </span>
      <span className="text-subtle">: </span>
    </>
  );
}

function Row({ node, level, last, collapsed, toggle }: RowProps) {
  const comma = last ? '' : ',';
  const pad = { paddingLeft: `${level * 14 + 16}px` };
  if (!isBranch(node)) {
    const text =
      node.kind === 'object' || node.kind === 'array' ? collapsedSummary(node) : node.text;
    return (
      <div className="relative whitespace-pre-wrap [overflow-wrap:anywhere]" style={pad}>
        <Key node={node} />
        <span className={VALUE_TONE[node.kind]}>{text}</span>
        <span className="text-subtle">{comma}</span>
      </div>
    );
  }
  const open = !collapsed.has(node.path);
  const [start, end] = node.kind === 'array' ? ['[', ']'] : ['{', '}'];
  return (
    <div role="treeitem" aria-expanded={open} aria-selected={false}>
      <div className="relative" style={pad}>
        <button
          type="button"
          aria-label={open ? 'Collapse' : 'Expand'}
          onClick={() => toggle(node.path)}
          className="absolute top-[3px] flex h-3.5 w-3.5 items-center justify-center rounded text-subtle hover:bg-hover hover:text-fg"
          style={{ left: `${level * 14}px` }}
        >
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={11} />
        </button>
        <Key node={node} />
        {open ? (
          <span className="text-subtle">{start}</span>
        ) : (
          <button
            type="button"
            onClick={() => toggle(node.path)}
            className="rounded bg-sunken px-1 text-subtle hover:text-fg"
          >
            {collapsedSummary(node)}
          </button>
        )}
        {!open && <span className="text-subtle">{comma}</span>}
      </div>
      {open && (
        <div role="group">
          {node.children.map((child, i) => (
            <Row
              key={child.path}
              node={child}
              level={level + 1}
              last={i === node.children.length - 1}
              collapsed={collapsed}
              toggle={toggle}
            />
          ))}
          <div style={pad} className="text-subtle">
            {end}
            {comma}
          </div>
        </div>
      )}
    </div>
  );
}

/** A JSON value drawn as a collapsible tree (monospace, coloured by type). */
export function JsonTree({
  value,
  depth = 3,
  className = '',
  testId,
}: {
  value: unknown;
  /** Levels open at first. */
  depth?: number;
  className?: string;
  testId?: string;
}) {
  const root = useMemo(() => buildJsonTree(value), [value]);
  const [collapsed, setCollapsed] = useState(() => initiallyCollapsed(root, depth));
  const toggle = (path: string): void =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <div
      role="tree"
      data-testid={testId}
      className={`font-mono text-[12px] leading-[1.6] ${className}`}
    >
      <Row node={root} level={0} last collapsed={collapsed} toggle={toggle} />
    </div>
  );
}
