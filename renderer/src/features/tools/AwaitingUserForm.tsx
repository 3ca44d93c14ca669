import { useId, useState } from 'react';
import type { ToolCallRecord } from '../../../../shared/contract/tools';
import { useStores } from '../../app/stores';
import { Button } from '../../components/Button';
import { toShownError } from '../../components/errors';
import { codeAreaClass, Field } from './controls';
import { prettyJson } from './jsonTree';
import { parseSchemaText } from './toolForm';

/**
 * The inline answer to an 'ask' mock: the model's arguments, editable, and the response the model
 * will get. The reply goes on when it is sent.
 */
export function AwaitingUserForm({ call }: { call: ToolCallRecord }) {
  const { client } = useStores();
  const base = useId();
  const original = prettyJson(call.arguments ?? {});
  const [args, setArgs] = useState(original);
  const [response, setResponse] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const parsed = parseSchemaText(args);
  const argsError = parsed.ok
    ? null
    : `${parsed.message.replace('A JSON Schema is', 'The arguments are')}${parsed.line ? ` (line ${parsed.line})` : ''}`;

  const send = async (): Promise<void> => {
    if (!parsed.ok) return;
    setSending(true);
    setFailure(null);
    try {
      await client.request('chat.resolveToolCall', {
        callId: call.id,
        ...(args !== original && { arguments: parsed.schema }),
        response,
      });
    } catch (error) {
      setFailure(toShownError(error).message);
      setSending(false);
    }
  };

  return (
    <form
      data-testid="tool-call-ask"
      className="flex flex-col gap-2.5"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <p className="text-[12px] text-muted">
        The model called <span className="font-mono font-semibold text-fg">{call.name}</span>. You
        answer for the tool: check the arguments, write the response, and the reply goes on.
      </p>
      <Field label="Arguments" hint="JSON, editable" htmlFor={`${base}-args`} error={argsError}>
        <textarea
          id={`${base}-args`}
          data-testid="ask-arguments"
          rows={Math.min(10, original.split('\n').length + 1)}
          spellCheck={false}
          aria-invalid={argsError !== null}
          value={args}
          onChange={(e) => setArgs(e.target.value)}
          className={codeAreaClass}
        />
      </Field>
      <Field label="Response" hint="what the tool returns" htmlFor={`${base}-response`}>
        <textarea
          id={`${base}-response`}
          data-testid="ask-response"
          rows={3}
          autoFocus
          placeholder='e.g. {"temperature": 21, "unit": "celsius"}'
          value={response}
          onChange={(e) => setResponse(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              void send();
            }
          }}
          className={codeAreaClass}
        />
      </Field>
      {failure && (
        <p role="alert" className="text-[12px] text-danger">
          {failure}
        </p>
      )}
      <div className="flex items-center justify-end gap-2">
        <span className="mr-auto text-[11px] text-subtle">Ctrl+Enter sends</span>
        {args !== original && (
          <Button size="sm" variant="ghost" onClick={() => setArgs(original)}>
            Reset arguments
          </Button>
        )}
        <Button
          size="sm"
          variant="primary"
          type="submit"
          data-testid="ask-send"
          disabled={sending || !parsed.ok}
        >
          Send response
        </Button>
      </div>
    </form>
  );
}
