import type { SchemaIssue } from '../../../../shared/contract/tools';
import { Icon } from '../../components/Icon';

/**
 * The schema keywords the generation grammar will not enforce. The output is still validated, so
 * this is a warning, not an error.
 */
export function UnenforcedList({
  issues,
  compact = false,
}: {
  issues: SchemaIssue[];
  compact?: boolean;
}) {
  if (issues.length === 0) return null;
  return (
    <div
      data-testid="schema-unenforced"
      className="rounded-md border border-warn/30 bg-warn-soft px-2.5 py-2 text-[12px] text-fg"
    >
      <div className="flex items-center gap-1.5 font-medium text-warn">
        <Icon name="shield" size={13} />
        {issues.length === 1
          ? '1 keyword will not be enforced'
          : `${issues.length} keywords will not be enforced`}
      </div>
      {!compact && (
        <p className="mt-0.5 text-[11.5px] text-muted">
          Generation cannot guarantee these; every output is still checked against the full schema.
        </p>
      )}
      <ul className="mt-1.5 flex flex-col gap-0.5">
        {issues.map((issue, i) => (
          <li key={i} className="flex items-baseline gap-2 text-[11.5px]">
            <code className="shrink-0 rounded bg-canvas/70 px-1 font-mono text-[11px] text-warn">
              {issue.keyword}
            </code>
            <span className="min-w-0 text-muted">
              {issue.message}
              {issue.path && (
                <span className="ml-1 font-mono text-[10.5px] text-subtle">at {issue.path}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
