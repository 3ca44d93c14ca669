import { describe, expect, it } from 'vitest';
import type { Preset } from '../../../../shared/contract/personas';
import {
  EMPTY_PRESET,
  formOf,
  isDirty,
  presetInput,
  presetProblem,
  sortPresets,
  usedMacros,
} from './presetForm';

const preset = (name: string, builtin = false): Preset => ({
  id: name,
  name,
  description: '',
  systemPrompt: `You are ${name}.`,
  postHistoryInstructions: '',
  builtin,
  createdAt: 0,
  updatedAt: 0,
});

describe('preset form', () => {
  it('asks for a name and a system prompt', () => {
    expect(presetProblem({ ...EMPTY_PRESET, name: '  ' })).toBe('Give the preset a name.');
    expect(presetProblem(EMPTY_PRESET)).toBe('Write a system prompt.');
    expect(presetProblem({ ...EMPTY_PRESET, systemPrompt: 'Be brief.' })).toBeNull();
  });

  it('trims the name but keeps the prompts exactly as written', () => {
    const input = presetInput({
      name: '  Narrator ',
      description: ' Tells stories ',
      systemPrompt: '  You narrate.\n',
      postHistoryInstructions: '\nStay in character.',
    });
    expect(input).toEqual({
      name: 'Narrator',
      description: 'Tells stories',
      systemPrompt: '  You narrate.\n',
      postHistoryInstructions: '\nStay in character.',
    });
  });

  it('knows when there is something to save', () => {
    const p = preset('Concise');
    expect(isDirty(formOf(p), p)).toBe(false);
    expect(isDirty({ ...formOf(p), postHistoryInstructions: 'x' }, p)).toBe(true);
  });

  it('lists the macros a prompt uses', () => {
    expect(usedMacros('Today is {{date}}. Talk to {{USER}} as {{char}}.')).toEqual([
      '{{date}}',
      '{{user}}',
      '{{char}}',
    ]);
  });

  it('puts built-ins first, then the user’s presets by name', () => {
    const sorted = sortPresets([preset('zeta'), preset('Hermes', true), preset('Alpha')]);
    expect(sorted.map((p) => p.name)).toEqual(['Hermes', 'Alpha', 'zeta']);
  });
});
