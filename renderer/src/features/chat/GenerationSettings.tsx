import { useId, useState, type ReactNode } from 'react';
import type { ContextPolicy } from '../../../../shared/contract/types';
import { useChat, useModels, useStores, useUi } from '../../app/stores';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { toShownError } from '../../components/errors';
import {
  DEFAULTS,
  formFromSampling,
  samplingFromForm,
  type FormErrors,
  type GenerationForm,
} from './generationForm';

const POLICIES: { value: ContextPolicy; label: string; help: string }[] = [
  {
    value: 'rollingWindow',
    label: 'Rolling window',
    help: 'Leave out the oldest turns (the system prompt always stays).',
  },
  {
    value: 'truncateMiddle',
    label: 'Truncate middle',
    help: 'Keep the first exchange and the newest turns; leave out the middle.',
  },
  {
    value: 'stopAndAsk',
    label: 'Stop and ask',
    help: 'Do not generate; say so, so you can fork, trim or raise the context.',
  },
];

function Field({
  label,
  hint,
  error,
  children,
  id,
}: {
  label: string;
  hint: string;
  error?: string;
  children: ReactNode;
  id: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="flex items-baseline justify-between text-[12px] font-medium">
        {label}
        <span className="font-normal text-subtle">{hint}</span>
      </label>
      {children}
      {error && (
        <span role="alert" className="text-[11px] text-danger">
          {error}
        </span>
      )}
    </div>
  );
}

const input =
  'h-8 rounded-md border border-line-strong/70 bg-canvas px-2 text-[13px] tabular-nums outline-none focus:border-accent/60 focus:ring-3 focus:ring-accent/15 aria-[invalid=true]:border-danger';

function SettingsForm({ initial, onDone }: { initial: GenerationForm; onDone: () => void }) {
  const { client, chat } = useStores();
  const conversationId = useChat((s) => s.conversationId);
  const loadedContext = useModels((s) => s.status?.model?.contextSize ?? null);
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const base = useId();
  const set = (key: keyof GenerationForm) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value }));

  const numberField = (
    key: 'temperature' | 'topP' | 'topK' | 'minP' | 'repeatPenalty' | 'maxTokens',
    label: string,
    hint: string,
    step: string,
  ) => (
    <Field label={label} hint={hint} error={errors[key]} id={`${base}-${key}`}>
      <input
        id={`${base}-${key}`}
        data-testid={`gen-${key}`}
        className={input}
        inputMode="decimal"
        type="number"
        step={step}
        aria-invalid={Boolean(errors[key])}
        value={form[key]}
        onChange={(e) => set(key)(e.target.value)}
      />
    </Field>
  );

  const save = async (values: GenerationForm): Promise<void> => {
    if (!conversationId) return;
    const result = samplingFromForm(values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setSaving(true);
    try {
      const updated = await client.request('conversations.update', {
        id: conversationId,
        sampling: result.sampling,
      });
      chat.getState().setConversation(updated);
      onDone();
    } catch (error) {
      setFailure(toShownError(error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      data-testid="generation-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save(form);
      }}
      className="flex flex-col gap-4"
    >
      <div className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
        {numberField('temperature', 'Temperature', `default ${DEFAULTS.temperature}`, '0.05')}
        {numberField('topP', 'Top-p', `default ${DEFAULTS.topP}`, '0.01')}
        {numberField('topK', 'Top-k', `0 = off · ${DEFAULTS.topK}`, '1')}
        {numberField('minP', 'Min-p', `0 = off`, '0.01')}
        {numberField(
          'repeatPenalty',
          'Repeat penalty',
          `default ${DEFAULTS.repeatPenalty}`,
          '0.01',
        )}
        {numberField('maxTokens', 'Max tokens', `default ${DEFAULTS.maxTokens}`, '1')}
        <Field label="Seed" hint="empty = random" error={errors.seed} id={`${base}-seed`}>
          <input
            id={`${base}-seed`}
            data-testid="gen-seed"
            className={input}
            inputMode="numeric"
            placeholder="random"
            aria-invalid={Boolean(errors.seed)}
            value={form.seed}
            onChange={(e) => set('seed')(e.target.value)}
          />
        </Field>
        <Field
          label="Context length"
          hint={loadedContext ? `max ${loadedContext.toLocaleString()}` : 'tokens'}
          error={errors.contextLength}
          id={`${base}-ctx`}
        >
          <input
            id={`${base}-ctx`}
            data-testid="gen-contextLength"
            className={input}
            inputMode="numeric"
            placeholder="whole loaded context"
            aria-invalid={Boolean(errors.contextLength)}
            value={form.contextLength}
            onChange={(e) => set('contextLength')(e.target.value)}
          />
        </Field>
      </div>
      <Field
        label="Stop strings"
        hint="one per line"
        error={errors.stopStrings}
        id={`${base}-stops`}
      >
        <textarea
          id={`${base}-stops`}
          data-testid="gen-stopStrings"
          rows={2}
          aria-invalid={Boolean(errors.stopStrings)}
          value={form.stopStrings}
          placeholder="e.g. ### User:"
          onChange={(e) => set('stopStrings')(e.target.value)}
          className={`${input} h-auto resize-none py-1.5 font-mono`}
        />
      </Field>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-[12px] font-medium">When the context is full</legend>
        {POLICIES.map((p) => (
          <label key={p.value} className="flex cursor-pointer items-start gap-2 text-[13px]">
            <input
              type="radio"
              name={`${base}-policy`}
              value={p.value}
              data-testid={`gen-policy-${p.value}`}
              checked={form.contextPolicy === p.value}
              onChange={() => setForm((f) => ({ ...f, contextPolicy: p.value }))}
              className="mt-0.5 accent-[var(--t-accent)]"
            />
            <span>
              <span className="font-medium">{p.label}</span>
              <span className="text-muted"> — {p.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {failure && (
        <p role="alert" className="text-[12px] text-danger">
          {failure}
        </p>
      )}
      <div className="flex items-center gap-2 border-t border-line pt-3">
        <Button
          variant="ghost"
          data-testid="gen-reset"
          onClick={() => {
            setForm(formFromSampling({}));
            setErrors({});
          }}
          disabled={saving}
          title="Fill in the Hermes model card settings (then Save)"
        >
          Reset to Hermes defaults
        </Button>
        <span className="flex-1" />
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button variant="primary" type="submit" data-testid="gen-save" disabled={saving}>
          Save
        </Button>
      </div>
    </form>
  );
}

/** Per-conversation sampling, stop strings and context handling. */
export function GenerationSettingsDialog() {
  const { ui } = useStores();
  const open = useUi((s) => s.overlay === 'generation');
  const conversation = useChat((s) => s.conversation);
  const close = (): void => ui.getState().close();
  return (
    <Dialog
      open={open && conversation !== null}
      title="Generation settings"
      description="For this conversation. Defaults follow the Hermes model cards."
      onClose={close}
      width="max-w-xl"
    >
      {conversation && (
        <SettingsForm
          key={`${conversation.id}:${JSON.stringify(conversation.sampling)}`}
          initial={formFromSampling(conversation.sampling)}
          onDone={close}
        />
      )}
    </Dialog>
  );
}
