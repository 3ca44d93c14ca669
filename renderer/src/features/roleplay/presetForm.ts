import type { Preset, PresetInput } from '../../../../shared/contract/personas';

export interface PresetForm {
  name: string;
  description: string;
  systemPrompt: string;
  postHistoryInstructions: string;
}

export const EMPTY_PRESET: PresetForm = {
  name: 'New preset',
  description: '',
  systemPrompt: '',
  postHistoryInstructions: '',
};

export const MACROS = ['{{date}}', '{{time}}', '{{user}}', '{{char}}'] as const;

export function formOf(preset: Preset | null): PresetForm {
  if (!preset) return EMPTY_PRESET;
  const { name, description, systemPrompt, postHistoryInstructions } = preset;
  return { name, description, systemPrompt, postHistoryInstructions };
}

/** What is wrong with the form, in words, or null when it can be saved. */
export function presetProblem(form: PresetForm): string | null {
  if (!form.name.trim()) return 'Give the preset a name.';
  if (!form.systemPrompt.trim()) return 'Write a system prompt.';
  return null;
}

export function presetInput(form: PresetForm): PresetInput {
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    systemPrompt: form.systemPrompt,
    postHistoryInstructions: form.postHistoryInstructions,
  };
}

export function isDirty(form: PresetForm, preset: Preset | null): boolean {
  const saved = formOf(preset);
  return (Object.keys(saved) as (keyof PresetForm)[]).some((k) => saved[k] !== form[k]);
}

/** The macros a text uses that the app knows, for the hint under the editor. */
export function usedMacros(text: string): string[] {
  return MACROS.filter((m) => text.toLowerCase().includes(m));
}

/** Built-ins first (as shipped), then the user's presets by name. */
export function sortPresets(presets: readonly Preset[]): Preset[] {
  const builtins = presets.filter((p) => p.builtin);
  const own = presets
    .filter((p) => !p.builtin)
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  return [...builtins, ...own];
}
