import type { z } from 'zod';
import { TalariaError } from '../contract/errors';

/** Where in the file something is, as `conversations[2].messages[7].role`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/** An INVALID_INPUT error that says where the problem is and what it is. */
export function importError(where: string, problem: string): TalariaError {
  const at = where ? `${where}: ` : '';
  return new TalariaError('INVALID_INPUT', `Cannot import this file: ${at}${problem}`, {
    where: where || null,
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Turns zod's first issue into an import error, naming the offending value when it is short. */
export function fromZodError(error: z.ZodError, root: unknown, base: string): TalariaError {
  const issue = error.issues[0];
  if (!issue) return importError(base, 'the data has the wrong shape');
  const where = issue.path.reduce<string>(
    (acc, key) => joinPath(acc, typeof key === 'number' ? key : String(key)),
    base,
  );
  const value = valueAt(root, issue.path);
  let got = '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const shown = JSON.stringify(value);
    got = ` (got ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown})`;
  }
  return importError(where, `${issue.message}${got}`);
}
