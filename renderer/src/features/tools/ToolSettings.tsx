import { useId, useState } from 'react';
import type { ConversationToolSettings } from '../../../../shared/contract/tools';
import { choiceFromValue, choiceValue } from './toolForm';
import { inputClass, SectionHeading, Segmented, SettingRow, Switch } from './controls';
import type { SettingsPatch } from './useToolsPanel';

/** A number input that commits on blur or Enter, and goes back to the saved value when invalid. */
function NumberSetting({
  id,
  value,
  min,
  max,
  step = 1,
  testId,
  onCommit,
}: {
  id: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  testId: string;
  onCommit: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  // A saved change from elsewhere replaces what is shown (React's "adjust state on prop change").
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(parsed) && parsed >= min && parsed <= max;
  const commit = (): void => {
    if (!valid) setText(String(value));
    else if (parsed !== value) onCommit(parsed);
  };
  return (
    <input
      id={id}
      data-testid={testId}
      type="number"
      inputMode="decimal"
      min={min}
      max={max}
      step={step}
      value={text}
      aria-invalid={!valid}
      title={`${min}–${max}`}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      className={`${inputClass} w-20 text-right tabular-nums`}
    />
  );
}

/** How the model is offered the tools: choice, guaranteed arguments, loop depth, result role. */
export function ToolSettings({
  settings,
  names,
  onChange,
}: {
  settings: ConversationToolSettings;
  /** Names of the enabled tools (for a named tool choice). */
  names: string[];
  onChange: (patch: SettingsPatch) => void;
}) {
  const base = useId();
  const choice = choiceValue(settings.toolChoice);
  return (
    <section aria-label="Calling">
      <SectionHeading>Calling</SectionHeading>
      <div className="divide-y divide-line/70">
        <SettingRow
          label="Tool choice"
          htmlFor={`${base}-choice`}
          help="Forces the first step of each reply; later steps are up to the model."
        >
          <select
            id={`${base}-choice`}
            data-testid="tool-choice"
            value={choice}
            onChange={(e) => onChange({ toolChoice: choiceFromValue(e.target.value) })}
            className={`${inputClass} w-40 pr-6`}
          >
            <option value="auto">Auto</option>
            <option value="none">None</option>
            <option value="required" disabled={names.length === 0}>
              Required (any tool)
            </option>
            {names.length > 0 && (
              <optgroup label="Always call">
                {names.map((n) => (
                  <option key={n} value={`tool:${n}`}>
                    {n}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </SettingRow>
        <SettingRow
          label="Guaranteed arguments"
          help="Constrain each call to its tool's schema while generating."
        >
          <Switch
            label="Guaranteed arguments"
            testId="guaranteed-arguments"
            checked={settings.guaranteedArguments}
            onChange={(guaranteedArguments) => onChange({ guaranteedArguments })}
          />
        </SettingRow>
        <SettingRow
          label="Max depth"
          htmlFor={`${base}-depth`}
          help="Tool turns per reply before the loop stops."
        >
          <NumberSetting
            id={`${base}-depth`}
            testId="tool-max-depth"
            value={settings.maxDepth}
            min={1}
            max={20}
            onCommit={(maxDepth) => onChange({ maxDepth })}
          />
        </SettingRow>
        <SettingRow
          label="Tool results as"
          help="Some fine-tunes (the Hermes 3 3B abliterated) expect results in a user turn."
        >
          <Segmented
            label="Tool results as"
            testId="tool-response-role"
            value={settings.toolResponseRole}
            options={[
              {
                value: 'model',
                label: 'Model',
                title: "The loaded model's setting (Models → load settings)",
              },
              { value: 'tool', label: 'tool', title: 'A tool turn (the Hermes 3 template)' },
              { value: 'user', label: 'user', title: 'A user turn with <tool_response> blocks' },
            ]}
            onChange={(toolResponseRole) => onChange({ toolResponseRole })}
          />
        </SettingRow>
        <SettingRow
          label="Timeout"
          htmlFor={`${base}-timeout`}
          help="Seconds before a running call fails."
        >
          <NumberSetting
            id={`${base}-timeout`}
            testId="tool-timeout"
            value={settings.timeoutMs / 1000}
            min={0.1}
            max={600}
            step={0.5}
            onCommit={(seconds) => onChange({ timeoutMs: Math.round(seconds * 1000) })}
          />
        </SettingRow>
      </div>
    </section>
  );
}
