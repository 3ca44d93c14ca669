import { useEffect, useMemo, useState } from 'react';
import type { JsonSchemaObject, SchemaIssue } from '../../../../shared/contract/tools';
import { useStores } from '../../app/stores';
import { parseSchemaText } from './toolForm';

export type SchemaCheck =
  | { state: 'syntax'; message: string; line: number | null; column: number | null }
  | { state: 'checking'; schema: JsonSchemaObject }
  | { state: 'invalid'; schema: JsonSchemaObject; message: string }
  | { state: 'valid'; schema: JsonSchemaObject; unenforced: SchemaIssue[] };

const DEBOUNCE_MS = 250;

/**
 * Checks the schema editor's text as it is typed: JSON syntax at once, then (debounced) the
 * backend's `tools.checkSchema`, which compiles it and lists what the grammar will not enforce.
 */
export function useSchemaCheck(text: string): SchemaCheck {
  const { client } = useStores();
  const parsed = useMemo(() => parseSchemaText(text), [text]);
  const [answer, setAnswer] = useState<{ text: string; check: SchemaCheck } | null>(null);

  useEffect(() => {
    if (!parsed.ok) return;
    let live = true;
    const timer = setTimeout(() => {
      client.request('tools.checkSchema', { schema: parsed.schema }).then(
        (result) => {
          if (!live) return;
          const check: SchemaCheck = result.valid
            ? { state: 'valid', schema: parsed.schema, unenforced: result.unenforced }
            : {
                state: 'invalid',
                schema: parsed.schema,
                message: result.error ?? 'Invalid schema.',
              };
          setAnswer({ text, check });
        },
        (error: unknown) => {
          if (!live) return;
          const message = error instanceof Error ? error.message : String(error);
          setAnswer({ text, check: { state: 'invalid', schema: parsed.schema, message } });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, parsed, text]);

  if (!parsed.ok)
    return { state: 'syntax', message: parsed.message, line: parsed.line, column: parsed.column };
  if (answer?.text === text) return answer.check;
  return { state: 'checking', schema: parsed.schema };
}
