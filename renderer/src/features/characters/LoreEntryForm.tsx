import { useId } from 'react';
import type { CharacterBookEntry } from '../../../../shared/cards';
import type { SelectiveLogic } from '../../../../shared/personas/lorebookTypes';
import { Icon } from '../../components/Icon';
import { ChipsInput } from './ChipsInput';
import { Field, inputClass, NumberInput, selectClass, Switch, textAreaClass } from './formControls';
import {
  keyProblem,
  readEntry,
  writeEntry,
  type EntryPatch,
  type EntryPosition,
  type EntryRole,
} from './loreForm';

const LOGIC_OPTIONS: { value: SelectiveLogic; label: string; title: string }[] = [
  { value: 'AND_ANY', label: 'AND ANY', title: 'Also needs at least one secondary key' },
  { value: 'AND_ALL', label: 'AND ALL', title: 'Also needs every secondary key' },
  { value: 'NOT_ANY', label: 'NOT ANY', title: 'Only when no secondary key appears' },
  { value: 'NOT_ALL', label: 'NOT ALL', title: 'Only when not every secondary key appears' },
];

export const POSITION_LABELS: Record<EntryPosition, string> = {
  before_char: 'Before character',
  after_char: 'After character',
  before_examples: 'Before examples',
  after_examples: 'After examples',
  at_depth: 'In the chat, at depth',
};

const ROLE_LABELS: Record<EntryRole, string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
};

function Toggle({
  label,
  help,
  checked,
  onChange,
  testId,
}: {
  label: string;
  help: string;
  checked: boolean;
  onChange: (next: boolean) => void;
  testId?: string;
}) {
  return (
    <div className="flex items-center gap-2" title={help}>
      <Switch size="sm" label={label} checked={checked} onChange={onChange} testId={testId} />
      <span className="text-[12.5px] text-fg">{label}</span>
    </div>
  );
}

/** Every setting of one lorebook entry, as the activation code and SillyTavern read them. */
export function LoreEntryForm({
  entry,
  index,
  onChange,
}: {
  entry: CharacterBookEntry;
  index: number;
  onChange: (next: CharacterBookEntry) => void;
}) {
  const base = useId();
  const view = readEntry(entry, index);
  const set = (patch: EntryPatch): void => onChange(writeEntry(entry, patch));
  const problemOf = (key: string): string | null => keyProblem(key, view);
  return (
    <div className="grid grid-cols-12 gap-x-3 gap-y-3.5" data-testid="lore-entry-form">
      <div className="col-span-12 md:col-span-6">
        <Field label="Name" hint="a note for you, not sent" htmlFor={`${base}-name`}>
          <input
            id={`${base}-name`}
            data-testid="entry-name"
            value={view.comment}
            placeholder="e.g. The Eldorian forest"
            onChange={(e) => set({ comment: e.target.value })}
            className={inputClass}
          />
        </Field>
      </div>
      <div className="col-span-4 md:col-span-2">
        <Field label="Order" hint="lower first" htmlFor={`${base}-order`}>
          <NumberInput
            id={`${base}-order`}
            label="Insertion order"
            className="w-full"
            value={view.insertionOrder}
            onChange={(v) => set({ insertionOrder: v ?? 100 })}
          />
        </Field>
      </div>
      <div className="col-span-4 md:col-span-2">
        <Field label="Priority" htmlFor={`${base}-priority`}>
          <NumberInput
            id={`${base}-priority`}
            label="Priority"
            className="w-full"
            placeholder="= order"
            value={view.priority}
            onChange={(v) => set({ priority: v })}
          />
        </Field>
      </div>
      <div className="col-span-4 md:col-span-2">
        <Field label="Chance" hint="%" htmlFor={`${base}-chance`}>
          <NumberInput
            id={`${base}-chance`}
            label="Probability in percent"
            className="w-full"
            min={0}
            max={100}
            value={view.probability}
            onChange={(v) => set({ probability: v ?? 100 })}
          />
        </Field>
      </div>

      <div className="col-span-12">
        <Field
          label="Keys"
          hint="Enter or comma adds · /regex/i for a pattern"
          htmlFor={`${base}-keys`}
        >
          <ChipsInput
            id={`${base}-keys`}
            label="Keys"
            testId="entry-keys"
            values={view.keys}
            onChange={(keys) => set({ keys })}
            problemOf={problemOf}
            placeholder={
              view.constant ? 'Not needed: the entry is constant' : 'Words that bring this entry in'
            }
          />
        </Field>
      </div>

      <div className="col-span-12 md:col-span-8">
        <Field label="Secondary keys" hint="optional" htmlFor={`${base}-secondary`}>
          <ChipsInput
            id={`${base}-secondary`}
            label="Secondary keys"
            values={view.secondaryKeys}
            onChange={(secondaryKeys) => set({ secondaryKeys })}
            problemOf={problemOf}
            placeholder="Narrow it down with more keys"
          />
        </Field>
      </div>
      <div className="col-span-12 md:col-span-4">
        <Field label="Secondary logic" htmlFor={`${base}-logic`}>
          <select
            id={`${base}-logic`}
            data-testid="entry-logic"
            value={view.logic}
            disabled={view.secondaryKeys.length === 0}
            title={LOGIC_OPTIONS.find((o) => o.value === view.logic)?.title}
            onChange={(e) => set({ logic: e.target.value as SelectiveLogic })}
            className={selectClass}
          >
            {LOGIC_OPTIONS.map((o) => (
              <option key={o.value} value={o.value} title={o.title}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <div className="col-span-12">
        <Field label="Content" hint="what is added to the prompt" htmlFor={`${base}-content`}>
          <textarea
            id={`${base}-content`}
            data-testid="entry-content"
            rows={5}
            value={view.content}
            placeholder="Facts the model should know when a key comes up."
            onChange={(e) => set({ content: e.target.value })}
            className={textAreaClass}
          />
        </Field>
      </div>

      <div className="col-span-12 md:col-span-5">
        <Field label="Position" htmlFor={`${base}-position`}>
          <select
            id={`${base}-position`}
            data-testid="entry-position"
            value={view.position}
            onChange={(e) => set({ position: e.target.value as EntryPosition })}
            className={selectClass}
          >
            {(Object.keys(POSITION_LABELS) as EntryPosition[]).map((p) => (
              <option key={p} value={p}>
                {POSITION_LABELS[p]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {view.position === 'at_depth' && (
        <>
          <div className="col-span-6 md:col-span-3">
            <Field label="Depth" hint="from the end" htmlFor={`${base}-depth`}>
              <NumberInput
                id={`${base}-depth`}
                label="Depth"
                testId="entry-depth"
                className="w-full"
                min={0}
                max={999}
                value={view.depth}
                onChange={(v) => set({ depth: v ?? 4 })}
              />
            </Field>
          </div>
          <div className="col-span-6 md:col-span-4">
            <Field label="As" htmlFor={`${base}-role`}>
              <select
                id={`${base}-role`}
                value={view.role}
                onChange={(e) => set({ role: e.target.value as EntryRole })}
                className={selectClass}
              >
                {(Object.keys(ROLE_LABELS) as EntryRole[]).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]} message
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </>
      )}
      {view.foreignPosition !== null && (
        <p className="col-span-12 flex items-center gap-1.5 text-[12px] text-warn">
          <Icon name="alert" size={13} />
          This entry uses SillyTavern position {view.foreignPosition} (Author&apos;s Note or an
          outlet), which Talaria places after the character. Pick a position to change it.
        </p>
      )}

      <div className="col-span-12 flex flex-wrap items-center gap-x-6 gap-y-2 border-t border-line pt-3">
        <Toggle
          label="Constant"
          help="Always in the prompt, keys or not"
          checked={view.constant}
          testId="entry-constant"
          onChange={(constant) => set({ constant })}
        />
        <Toggle
          label="Case sensitive"
          help="Keys match only with the same capitals"
          checked={view.caseSensitive}
          onChange={(caseSensitive) => set({ caseSensitive })}
        />
        <Toggle
          label="Whole words"
          help="“cat” does not match “category”"
          checked={view.wholeWords}
          testId="entry-whole-words"
          onChange={(wholeWords) => set({ wholeWords })}
        />
        <Toggle
          label="Keys are regex"
          help="Every key is a regular expression, even without /slashes/"
          checked={view.useRegex}
          onChange={(useRegex) => set({ useRegex })}
        />
      </div>
    </div>
  );
}
