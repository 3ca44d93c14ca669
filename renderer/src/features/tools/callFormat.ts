import type { ToolCallStatus } from '../../../../shared/contract/tools';

/** A call's duration: `<1 ms`, `12 ms`, `1.25 s`. */
export function formatDuration(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A one-line preview of the arguments for a collapsed card: `city: "Paris", days: 3`. */
export function argumentsPreview(args: Record<string, unknown> | null, max = 80): string {
  if (!args) return '';
  const parts = Object.entries(args).map(([k, v]) => `${k}: ${JSON.stringify(v) ?? 'null'}`);
  const text = parts.join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A tool result as the card shows it. Hermes tool responses are `{"name": …, "content": …}`;
 * the content is what the tool answered, so that is shown (as JSON when it is JSON).
 */
export function readResult(
  result: string | null,
): { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | null {
  if (result === null) return null;
  const parsed = tryJson(result);
  if (parsed.ok && isHermesResponse(parsed.value)) {
    const content = parsed.value.content;
    if (typeof content === 'string') {
      const inner = tryJson(content);
      if (inner.ok && typeof inner.value === 'object' && inner.value !== null)
        return { kind: 'json', value: inner.value };
      return { kind: 'text', text: content };
    }
    return { kind: 'json', value: content };
  }
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null)
    return { kind: 'json', value: parsed.value };
  return { kind: 'text', text: result };
}

function isHermesResponse(value: unknown): value is { name: string; content: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 2 &&
    'name' in value &&
    'content' in value
  );
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export const STATUS_LABEL: Record<ToolCallStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  error: 'Error',
  'awaiting-user': 'Your turn',
};
