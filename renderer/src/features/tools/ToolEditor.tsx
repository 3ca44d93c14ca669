import { useId, useState } from 'react';
import type { ToolDefinition, ToolMock } from '../../../../shared/contract/tools';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { codeAreaClass, Field, inputClass, Segmented } from './controls';
import { SchemaEditor } from './SchemaEditor';
import { EMPTY_PARAMETERS, prettySchema, toolNameProblem } from './toolForm';
import { useSchemaCheck } from './useSchemaCheck';
import type { ToolInput } from './useToolsPanel';

interface ToolEditorProps {
  /** The tool being changed; null for a new one. */
  tool: ToolDefinition | null;
  /** Names already in use (other tools and the built-ins). */
  taken: string[];
  onSave: (input: ToolInput) => Promise<string | null>;
  onDelete?: () => void;
  onDone: () => void;
}

/** Defines or changes a tool: name, description, JSON Schema parameters and what it answers. */
export function ToolEditor({ tool, taken, onSave, onDelete, onDone }: ToolEditorProps) {
  const base = useId();
  const [name, setName] = useState(tool?.name ?? '');
  const [description, setDescription] = useState(tool?.description ?? '');
  const [schemaText, setSchemaText] = useState(
    tool ? prettySchema(tool.parameters) : EMPTY_PARAMETERS,
  );
  const [mode, setMode] = useState<ToolMock['mode']>(tool?.mock.mode ?? 'canned');
  const [response, setResponse] = useState(tool?.mock.mode === 'canned' ? tool.mock.response : '');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [armed, setArmed] = useState(false);
  const check = useSchemaCheck(schemaText);
  const nameError = toolNameProblem(name.trim(), taken);
  const schemaOk = check.state === 'valid' || check.state === 'checking';

  const submit = async (): Promise<void> => {
    setTouched(true);
    // While the debounced check is still running the backend checks the schema on save anyway.
    if (nameError || check.state === 'syntax' || check.state === 'invalid') return;
    setSaving(true);
    setFailure(null);
    const mock: ToolMock = mode === 'ask' ? { mode: 'ask' } : { mode: 'canned', response };
    const error = await onSave({
      name: name.trim(),
      description: description.trim(),
      parameters: check.schema,
      mock,
    });
    setSaving(false);
    if (error) setFailure(error);
    else onDone();
  };

  return (
    <form
      data-testid="tool-editor"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field
        label="Name"
        hint="an identifier"
        htmlFor={`${base}-name`}
        error={touched || name !== '' ? nameError : null}
      >
        <input
          id={`${base}-name`}
          data-testid="tool-name"
          autoFocus={!tool}
          spellCheck={false}
          placeholder="lookup_city"
          value={name}
          aria-invalid={(touched || name !== '') && nameError !== null}
          onChange={(e) => setName(e.target.value)}
          className={`${inputClass} font-mono`}
        />
      </Field>
      <Field label="Description" hint="the model reads this" htmlFor={`${base}-desc`}>
        <textarea
          id={`${base}-desc`}
          data-testid="tool-description"
          rows={2}
          placeholder="Looks up facts about a city: country, population, time zone."
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className={`${inputClass} h-auto resize-y py-1.5 leading-snug`}
        />
      </Field>
      <Field
        label="Parameters"
        hint="JSON Schema of the arguments object"
        htmlFor={`${base}-schema`}
      >
        <SchemaEditor
          id={`${base}-schema`}
          testId="tool-schema"
          value={schemaText}
          onChange={setSchemaText}
          check={check}
        />
      </Field>
      <div className="flex flex-col gap-2">
        <div className="flex items-center justify-between">
          <span className="text-[12px] font-medium">When called</span>
          <Segmented
            label="When called"
            testId="tool-mock"
            value={mode}
            options={[
              { value: 'canned', label: 'Canned response' },
              { value: 'ask', label: 'Ask me' },
            ]}
            onChange={setMode}
          />
        </div>
        {mode === 'canned' ? (
          <textarea
            aria-label="Canned response"
            data-testid="tool-canned-response"
            rows={3}
            spellCheck={false}
            placeholder='{"country": "France", "population": 2102650}'
            value={response}
            onChange={(e) => setResponse(e.target.value)}
            className={codeAreaClass}
          />
        ) : (
          <p className="rounded-md border border-line bg-sunken/50 px-2.5 py-2 text-[12px] text-muted">
            The reply pauses on each call to this tool. You can edit the arguments and write the
            response in the call card, then the model goes on.
          </p>
        )}
      </div>
      {failure && (
        <p
          role="alert"
          data-testid="tool-editor-error"
          className="rounded-md border border-danger/30 bg-danger-soft px-2.5 py-2 text-[12px] whitespace-pre-line text-danger"
        >
          {failure}
        </p>
      )}
      <div className="flex items-center gap-2 border-t border-line pt-3">
        {onDelete && (
          <Button
            variant="ghost"
            size="sm"
            data-testid="tool-delete"
            onClick={() => (armed ? onDelete() : setArmed(true))}
            onBlur={() => setArmed(false)}
            className={armed ? '!text-danger' : 'hover:!text-danger'}
          >
            <Icon name="trash" size={13} />
            {armed ? 'Click again to delete' : 'Delete'}
          </Button>
        )}
        <span className="flex-1" />
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button
          size="sm"
          variant="primary"
          type="submit"
          data-testid="tool-save"
          disabled={saving || (touched && (nameError !== null || !schemaOk))}
        >
          {tool ? 'Save changes' : 'Add tool'}
        </Button>
      </div>
    </form>
  );
}
