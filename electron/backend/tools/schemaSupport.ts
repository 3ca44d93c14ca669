import type { JsonSchemaObject, SchemaIssue } from '../../../shared/contract/tools';

/**
 * What node-llama-cpp 3.22's JSON-schema grammar (createGrammarForJsonSchema) does with a JSON
 * Schema, checked against its source and on the generated model:
 * - `anyOf`, `allOf`, an untyped schema and `{}` become a grammar for `null` only;
 * - `type: [..., "object" | "array"]` keeps only the scalar types (often just `null`);
 * - `minLength`, `maxLength` and `format` apply only where `type` is exactly `"string"`: on a
 *   union such as `["string", "null"]` they are silently dropped;
 * - `format` other than date, time and date-time becomes the empty string `""`;
 * - `pattern`, `minimum`/`maximum`/`exclusive*`, `multipleOf`, `uniqueItems`, `not`,
 *   `if`/`then`/`else`, `patternProperties`, `dependent*`, `contains` are ignored;
 * - `$ref` works only as `#/$defs/…`; enum/const values that are objects or arrays throw;
 * - `type: "object"` without properties allows only `{}`, and every listed property is generated
 *   (stricter than the schema, so still valid).
 * `toGrammarSchema` rewrites a schema into one the grammar handles correctly where it can
 * (anyOf → oneOf, allOf merged, typed unions with composite members or string keywords split
 * into one branch per type, `{}` → any JSON, `definitions` → `$defs`)
 * and lists every keyword the grammar will not enforce. The output is validated with ajv anyway.
 */
export interface GrammarSupport {
  grammarSchema: JsonSchemaObject;
  unenforced: SchemaIssue[];
}

const ANY_JSON: JsonSchemaObject = {
  oneOf: [
    { type: ['string', 'number', 'boolean', 'null'] },
    { type: 'object', additionalProperties: true },
    { type: 'array' },
  ],
};

const IGNORED: Record<string, string> = {
  pattern: 'the pattern is not enforced',
  minimum: 'the lower bound is not enforced',
  maximum: 'the upper bound is not enforced',
  exclusiveMinimum: 'the lower bound is not enforced',
  exclusiveMaximum: 'the upper bound is not enforced',
  multipleOf: 'multipleOf is not enforced',
  uniqueItems: 'unique items are not enforced',
  not: '"not" is not enforced',
  if: 'if/then/else is not enforced',
  then: 'if/then/else is not enforced',
  else: 'if/then/else is not enforced',
  patternProperties: 'patternProperties are not enforced',
  propertyNames: 'propertyNames are not enforced',
  dependentRequired: 'dependentRequired is not enforced',
  dependentSchemas: 'dependentSchemas are not enforced',
  dependencies: 'dependencies are not enforced',
  contains: 'contains is not enforced',
  minContains: 'minContains is not enforced',
  maxContains: 'maxContains is not enforced',
  unevaluatedProperties: 'unevaluatedProperties is not enforced',
  unevaluatedItems: 'unevaluatedItems is not enforced',
  additionalItems: 'additionalItems is not enforced',
};

const GRAMMAR_FORMATS = new Set(['date', 'time', 'date-time']);
const COMPOSITE = new Set(['object', 'array']);
// Keywords node-llama-cpp reads only on a schema whose type is the single string "string".
const STRING_KEYWORDS = ['minLength', 'maxLength', 'format'];

export function toGrammarSchema(schema: unknown): GrammarSupport {
  const unenforced: SchemaIssue[] = [];
  const note = (path: string, keyword: string, message: string): void => {
    unenforced.push({ path: path || '/', keyword, message });
  };
  const root = isRecord(schema) ? { ...schema } : {};
  // node-llama-cpp resolves only #/$defs/…; older schemas use #/definitions/….
  if (isRecord(root['definitions'])) {
    root['$defs'] = { ...(root['definitions'] as object), ...(asRecord(root['$defs']) ?? {}) };
    delete root['definitions'];
  }
  const grammarSchema = convert(root, '', note) as JsonSchemaObject;
  return { grammarSchema, unenforced };
}

type Note = (path: string, keyword: string, message: string) => void;

function convert(input: unknown, path: string, note: Note): unknown {
  if (input === true || (isRecord(input) && Object.keys(input).length === 0)) return ANY_JSON;
  if (!isRecord(input)) {
    note(path, 'false', 'a schema that allows nothing cannot be generated; any JSON is allowed');
    return ANY_JSON;
  }
  const node: JsonSchemaObject = { ...input };
  for (const keyword of Object.keys(node)) {
    const message = IGNORED[keyword];
    if (message !== undefined) {
      note(path, keyword, message);
      delete node[keyword];
    }
  }
  if (Array.isArray(node['allOf'])) mergeAllOf(node, path, note);
  if (Array.isArray(node['anyOf']) || Array.isArray(node['oneOf'])) {
    return convertUnion(node, path, note);
  }
  if (typeof node['$ref'] === 'string') return convertRef(node, path, note);
  if (node['enum'] !== undefined || node['const'] !== undefined)
    return convertLiteral(node, path, note);
  const types = typesOf(node);
  const stringKeywords =
    types.includes('string') && STRING_KEYWORDS.some((k) => node[k] !== undefined);
  if (types.length > 1 && (stringKeywords || types.some((t) => COMPOSITE.has(t)))) {
    const { type: _type, ...rest } = node;
    void _type;
    return {
      oneOf: types.map((t, i) =>
        convert(
          { ...(t === 'string' ? rest : withoutStringKeywords(rest)), type: t },
          `${path}/type/${i}`,
          note,
        ),
      ),
    };
  }
  const type = types[0];
  if (types.length === 0) {
    if (node['properties'] !== undefined || node['required'] !== undefined) node['type'] = 'object';
    else if (node['items'] !== undefined || node['prefixItems'] !== undefined)
      node['type'] = 'array';
    else if (node['minLength'] !== undefined || node['maxLength'] !== undefined)
      node['type'] = 'string';
    else return ANY_JSON;
    return convert(node, path, note);
  }
  if (type === 'object') convertObject(node, path, note);
  else if (type === 'array') convertArray(node, path, note);
  else if (type === 'string' && node['format'] !== undefined) {
    if (!GRAMMAR_FORMATS.has(String(node['format']))) {
      note(path, 'format', `format "${String(node['format'])}" is not enforced`);
      delete node['format'];
    }
  }
  convertDefs(node, path, note);
  return node;
}

function convertUnion(node: JsonSchemaObject, path: string, note: Note): unknown {
  const keyword = Array.isArray(node['oneOf']) ? 'oneOf' : 'anyOf';
  if (keyword === 'oneOf') note(path, 'oneOf', 'exactly-one is not enforced (any one may match)');
  const members = node[keyword] as unknown[];
  const { oneOf: _o, anyOf: _a, $defs, ...siblings } = node;
  void _o;
  void _a;
  // Keywords next to the union (a shared type, properties) apply to every member.
  const shared = Object.keys(siblings).some((k) => k !== 'description' && k !== 'title');
  const out: JsonSchemaObject = {
    oneOf: members.map((member, i) =>
      convert(
        shared && isRecord(member) ? { ...siblings, ...member } : member,
        `${path}/${keyword}/${i}`,
        note,
      ),
    ),
  };
  if ($defs !== undefined) {
    out['$defs'] = $defs;
    convertDefs(out, path, note);
  }
  return out;
}

function mergeAllOf(node: JsonSchemaObject, path: string, note: Note): void {
  note(path, 'allOf', 'subschemas are merged; conflicts between them are not enforced');
  const members = (node['allOf'] as unknown[]).filter(isRecord);
  delete node['allOf'];
  for (const member of members) {
    for (const [key, value] of Object.entries(member)) {
      if (key === 'properties' && isRecord(value)) {
        node['properties'] = { ...(asRecord(node['properties']) ?? {}), ...value };
      } else if (key === 'required' && Array.isArray(value)) {
        const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : [];
        node['required'] = [...new Set([...required, ...value])];
      } else if (!(key in node)) node[key] = value;
    }
  }
}

function convertRef(node: JsonSchemaObject, path: string, note: Note): unknown {
  const ref = String(node['$ref']).replace(/^#\/definitions\//, '#/$defs/');
  if (!ref.startsWith('#/$defs/') || ref.slice(8).includes('/')) {
    note(path, '$ref', `reference "${String(node['$ref'])}" is not followed; any JSON is allowed`);
    return ANY_JSON;
  }
  const out: JsonSchemaObject = { ...node, $ref: ref };
  convertDefs(out, path, note);
  return out;
}

function convertLiteral(node: JsonSchemaObject, path: string, note: Note): unknown {
  const keyword = node['enum'] !== undefined ? 'enum' : 'const';
  const values = keyword === 'enum' ? node['enum'] : [node['const']];
  if (!Array.isArray(values)) return ANY_JSON;
  const scalars = values.filter((v) => v === null || typeof v !== 'object');
  if (scalars.length === values.length) return node;
  note(path, keyword, 'object and array values are not enforced');
  return scalars.length === 0 ? ANY_JSON : { enum: scalars };
}

function convertObject(node: JsonSchemaObject, path: string, note: Note): void {
  const properties = { ...(asRecord(node['properties']) ?? {}) };
  const required = Array.isArray(node['required']) ? node['required'] : [];
  for (const key of required) {
    if (typeof key === 'string' && !(key in properties)) properties[key] = true;
  }
  for (const [key, value] of Object.entries(properties)) {
    properties[key] = convert(value, `${path}/properties/${escape(key)}`, note);
  }
  node['properties'] = properties;
  const additional = node['additionalProperties'];
  // JSON Schema allows any extra property by default; with no properties the grammar would
  // otherwise allow only {}.
  if (additional === undefined) {
    if (Object.keys(properties).length === 0) node['additionalProperties'] = true;
  } else if (additional !== true && additional !== false) {
    node['additionalProperties'] = convert(additional, `${path}/additionalProperties`, note);
  }
}

function convertArray(node: JsonSchemaObject, path: string, note: Note): void {
  if (Array.isArray(node['items'])) {
    node['prefixItems'] = node['items'];
    delete node['items'];
  }
  if (node['items'] !== undefined) node['items'] = convert(node['items'], `${path}/items`, note);
  if (Array.isArray(node['prefixItems'])) {
    node['prefixItems'] = (node['prefixItems'] as unknown[]).map((item, i) =>
      convert(item, `${path}/prefixItems/${i}`, note),
    );
  }
}

function convertDefs(node: JsonSchemaObject, path: string, note: Note): void {
  const defs = asRecord(node['$defs']);
  if (!defs) return;
  node['$defs'] = Object.fromEntries(
    Object.entries(defs).map(([key, value]) => [key, convert(value, `${path}/$defs/${key}`, note)]),
  );
}

function withoutStringKeywords(node: JsonSchemaObject): JsonSchemaObject {
  return Object.fromEntries(Object.entries(node).filter(([k]) => !STRING_KEYWORDS.includes(k)));
}

function typesOf(node: JsonSchemaObject): string[] {
  const type = node['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return isRecord(value) ? value : null;
}
