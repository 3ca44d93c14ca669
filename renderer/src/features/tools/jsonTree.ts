/** A JSON value as a tree of rows for the collapsible viewer (call arguments, JSON-mode output). */

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface JsonNode {
  /** Property name, `0`-based index for array items, null for the root. */
  key: string | null;
  /** Whether `key` is an array index (drawn without quotes). */
  index: boolean;
  /** JSON Pointer of the node (`''` for the root). */
  path: string;
  kind: JsonKind;
  /** A leaf's value as JSON text (`"Paris"`, `42`, `null`); '' for objects and arrays. */
  text: string;
  children: JsonNode[];
}

function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

function pointerPart(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function leafText(value: unknown, kind: JsonKind): string {
  if (kind === 'null') return 'null';
  if (kind === 'string') return JSON.stringify(typeof value === 'string' ? value : String(value));
  return String(value);
}

export function buildJsonTree(
  value: unknown,
  key: string | null = null,
  path = '',
  index = false,
): JsonNode {
  const kind = kindOf(value);
  const node: JsonNode = { key, index, path, kind, text: '', children: [] };
  if (kind === 'array') {
    node.children = (value as unknown[]).map((item, i) =>
      buildJsonTree(item, String(i), `${path}/${i}`, true),
    );
  } else if (kind === 'object') {
    node.children = Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      buildJsonTree(v, k, `${path}/${pointerPart(k)}`),
    );
  } else {
    node.text = leafText(value, kind);
  }
  return node;
}

/** What a collapsed object or array shows: `{3 keys}`, `[1 item]`, `{}`. */
export function collapsedSummary(node: JsonNode): string {
  const n = node.children.length;
  if (node.kind === 'object') return n === 0 ? '{}' : `{${n} ${n === 1 ? 'key' : 'keys'}}`;
  if (node.kind === 'array') return n === 0 ? '[]' : `[${n} ${n === 1 ? 'item' : 'items'}]`;
  return node.text;
}

export function isBranch(node: JsonNode): boolean {
  return (node.kind === 'object' || node.kind === 'array') && node.children.length > 0;
}

/**
 * The branches to draw collapsed at first: those deeper than `depth` levels below the root, and
 * any long array beyond its first level so a big result does not flood the chat.
 */
export function initiallyCollapsed(root: JsonNode, depth = 2, longArray = 20): Set<string> {
  const collapsed = new Set<string>();
  const walk = (node: JsonNode, level: number): void => {
    if (!isBranch(node)) return;
    if (level >= depth || (level > 0 && node.kind === 'array' && node.children.length > longArray))
      collapsed.add(node.path);
    for (const child of node.children) walk(child, level + 1);
  };
  walk(root, 0);
  return collapsed;
}

/** Pretty JSON for copying (two-space indent, as the tree shows it). */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}
