/**
 * The Python type hint the Hermes 3 tool_use template writes into a tool's description
 * (its `json_to_python_type` macro), for example `get_weather(location: str, days: int)`.
 *
 * Where the official macro works, the output is identical. Where it is broken we do better
 * (see README.md, "Where we differ from the official template"):
 * - `type: "array"` renders `list[Union[]]` there (the macro calls `json_spec|items`, the dict's
 *   key/value pairs, instead of `json_spec.items`); we render the item type: `list[str]`.
 * - a union containing "null" (or any type the map does not know) recurses forever in Jinja2,
 *   because a string is iterable; we render `Optional[int]` / `Optional[Union[int,str]]`.
 * - a schema without `type` (or a boolean schema) renders `Union[]`; we render `Any`, or the
 *   union of `anyOf` / `oneOf` members when those are given.
 * - `additionalProperties: true|false` renders `dict[str, Union[]]`; we render `dict[str, Any]`
 *   and `dict`.
 */
const BASIC_TYPES: Record<string, string> = {
  string: 'str',
  number: 'float',
  integer: 'int',
  boolean: 'bool',
};

export function jsonSchemaToPythonType(spec: unknown): string {
  if (!isRecord(spec)) return 'Any';
  const type = spec['type'];
  if (typeof type === 'string') return singleType(type, spec);
  if (Array.isArray(type)) {
    // The template passes only {"type": t} down for each member, so a member object is a bare
    // `dict` even when the schema has additionalProperties; arrays keep their items.
    const members = type.map((t: unknown) => (typeof t === 'string' ? memberSchema(t, spec) : {}));
    return union(members, true);
  }
  const members = spec['anyOf'] ?? spec['oneOf'];
  if (Array.isArray(members) && members.length > 0) return union(members, false);
  return 'Any';
}

function singleType(type: string, spec: Record<string, unknown>): string {
  const basic = BASIC_TYPES[type];
  if (basic !== undefined) return basic;
  if (type === 'array') {
    const items = spec['items'];
    return `list[${isRecord(items) ? jsonSchemaToPythonType(items) : 'Any'}]`;
  }
  if (type === 'object') {
    const extra = spec['additionalProperties'];
    if (extra === undefined || extra === false) return 'dict';
    return `dict[str, ${jsonSchemaToPythonType(extra)}]`;
  }
  if (type === 'null') return 'None';
  return 'Any';
}

function memberSchema(type: string, spec: Record<string, unknown>): Record<string, unknown> {
  return type === 'array' ? { type, items: spec['items'] } : { type };
}

/**
 * Members rendered like the template's Union (comma, no space; a one-member type list stays
 * `Union[str]` as the template writes it); a null member makes it Optional.
 */
function union(members: unknown[], fromTypeList: boolean): string {
  const isNull = (m: unknown): boolean => isRecord(m) && m['type'] === 'null';
  const rendered = members.filter((m) => !isNull(m)).map(jsonSchemaToPythonType);
  const hasNull = rendered.length < members.length;
  if (rendered.length === 0) return hasNull ? 'None' : 'Any';
  if (rendered.includes('Any')) return 'Any';
  const single = rendered.length === 1 && (hasNull || !fromTypeList);
  const inner = single ? rendered[0] : `Union[${rendered.join(',')}]`;
  return hasNull ? `Optional[${inner}]` : (inner as string);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
