import { useEffect, useId, useState } from 'react';
import type { JsonSchemaExample } from '../../../../shared/contract/tools';
import { useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { Chip, inputClass, SectionHeading, SettingRow, Switch } from './controls';
import { SchemaEditor } from './SchemaEditor';
import { prettySchema } from './toolForm';
import { useSchemaCheck } from './useSchemaCheck';
import type { ToolsPanel } from './useToolsPanel';

const STARTER = `{
  "type": "object",
  "properties": {
    "answer": { "type": "string" }
  },
  "required": ["answer"]
}`;

function Examples({
  examples,
  selected,
  onPick,
}: {
  examples: JsonSchemaExample[];
  selected: string | null;
  onPick: (example: JsonSchemaExample) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-1.5" role="list">
      {examples.map((ex) => (
        <button
          key={ex.id}
          type="button"
          role="listitem"
          data-testid={`json-example-${ex.id}`}
          aria-pressed={selected === ex.id}
          onClick={() => onPick(ex)}
          className={`flex flex-col items-start gap-0.5 rounded-lg border px-2.5 py-2 text-left transition-colors ${
            selected === ex.id
              ? 'border-accent/50 bg-accent-soft'
              : 'border-line bg-raised hover:border-line-strong hover:bg-hover/50'
          }`}
        >
          <span className="flex w-full items-center gap-1.5 text-[12.5px] font-medium text-fg">
            <span className="truncate">{ex.title}</span>
            {ex.unenforced.length > 0 && (
              <span
                className="ml-auto h-1.5 w-1.5 shrink-0 rounded-full bg-warn"
                title={`${ex.unenforced.length} keyword(s) not enforced while generating`}
              />
            )}
          </span>
          <span className="line-clamp-2 text-[11px] leading-snug text-subtle">
            {ex.description}
          </span>
        </button>
      ))}
    </div>
  );
}

/** JSON mode: replies must match a JSON Schema (picked from the examples or pasted). */
export function JsonModePanel({ panel }: { panel: ToolsPanel }) {
  const { client } = useStores();
  const base = useId();
  const active = panel.settings?.jsonMode ?? null;
  const [examples, setExamples] = useState<JsonSchemaExample[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const [text, setText] = useState(() => (active ? prettySchema(active.schema) : STARTER));
  const [retries, setRetries] = useState(String(active?.maxRetries ?? 2));
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useSchemaCheck(text);

  useEffect(() => {
    let live = true;
    client.request('tools.jsonSchemaExamples', {}).then(
      ({ examples: list }) => live && setExamples(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);

  const retryCount = Number(retries);
  const retriesOk = Number.isInteger(retryCount) && retryCount >= 0 && retryCount <= 5;
  const usable = (check.state === 'valid' || check.state === 'checking') && retriesOk;
  const changed =
    !active ||
    (usable && JSON.stringify(check.schema) !== JSON.stringify(active.schema)) ||
    retryCount !== active.maxRetries;

  const apply = async (on: boolean): Promise<void> => {
    setBusy(true);
    setFailure(null);
    const schema = on && usable ? check.schema : null;
    if (on && !schema) {
      setBusy(false);
      return;
    }
    const error = await panel.setJsonMode(schema, on ? retryCount : undefined);
    setBusy(false);
    if (error) setFailure(error);
  };

  return (
    <div className="flex flex-col gap-5" data-testid="json-mode-panel">
      <section
        className={`rounded-lg border px-3 py-2.5 ${active ? 'border-accent/40 bg-accent-soft/60' : 'border-line bg-raised'}`}
      >
        <div className="flex items-center gap-2">
          <span className="text-[13px] font-semibold">JSON mode</span>
          <Chip tone={active ? 'accent' : 'neutral'}>
            <span data-testid="json-mode-state">{active ? 'On' : 'Off'}</span>
          </Chip>
          <span className="flex-1" />
          <Switch
            label="JSON mode"
            testId="json-mode-toggle"
            checked={active !== null}
            disabled={busy || (!active && !usable)}
            onChange={(on) => void apply(on)}
          />
        </div>
        <p className="mt-1 text-[11.5px] leading-snug text-muted">
          Replies are generated under the schema&apos;s grammar with the Hermes JSON-mode system
          prompt, then validated. Tools are not offered while it is on.
        </p>
      </section>

      {examples.length > 0 && (
        <section className="flex flex-col gap-2">
          <SectionHeading>Examples</SectionHeading>
          <Examples
            examples={examples}
            selected={picked}
            onPick={(ex) => {
              setPicked(ex.id);
              setText(prettySchema(ex.schema));
            }}
          />
        </section>
      )}

      <section className="flex flex-col gap-2">
        <SectionHeading>Schema</SectionHeading>
        <SchemaEditor
          id={`${base}-schema`}
          testId="json-schema"
          value={text}
          onChange={(next) => {
            setText(next);
            setPicked(null);
          }}
          check={check}
          minRows={10}
          maxRows={22}
        />
        <SettingRow
          label="Retries"
          htmlFor={`${base}-retries`}
          help="Extra attempts when the output does not match the schema (0–5)."
        >
          <input
            id={`${base}-retries`}
            data-testid="json-retries"
            type="number"
            min={0}
            max={5}
            value={retries}
            aria-invalid={!retriesOk}
            onChange={(e) => setRetries(e.target.value)}
            className={`${inputClass} w-20 text-right tabular-nums`}
          />
        </SettingRow>
        {failure && (
          <p
            role="alert"
            className="rounded-md border border-danger/30 bg-danger-soft px-2.5 py-2 text-[12px] text-danger"
          >
            {failure}
          </p>
        )}
        <div className="flex justify-end gap-2">
          {active && (
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => void apply(false)}>
              Turn off
            </Button>
          )}
          <Button
            size="sm"
            variant="primary"
            data-testid="json-apply"
            disabled={busy || !usable || !changed}
            onClick={() => void apply(true)}
          >
            {active ? 'Update schema' : 'Use this schema'}
          </Button>
        </div>
      </section>
    </div>
  );
}
