import { describe, expect, it } from 'vitest';
import type { PickerModel } from '../../../../shared/contract/library';
import { contextLabel, filterPicker, lastUsedLabel, pickerTitle } from './pickerFilter';

function entry(fileName: string, extra: Partial<PickerModel['model']> = {}): PickerModel {
  return {
    model: {
      id: `p/r/${fileName}`,
      path: `/m/p/r/${fileName}`,
      fileName,
      publisher: 'NousResearch',
      repo: 'Hermes-3-Llama-3.2-3B-GGUF',
      parts: [],
      sizeBytes: 1,
      complete: true,
      linked: false,
      modifiedAt: 0,
      quant: 'Q4_K_M',
      metadata: null,
      error: null,
      ...extra,
    },
    settings: {
      gpuLayers: 'auto',
      contextSize: 'auto',
      flashAttention: false,
      threads: null,
      batchSize: null,
      toolResponseRole: 'tool',
    },
    fit: null,
    fitError: null,
    lastUsedAt: null,
  };
}

describe('model picker search', () => {
  const models = [
    entry('Hermes-3-Llama-3.2-3B.Q4_K_M.gguf'),
    entry('Hermes-3-Llama-3.1-8B.Q8_0.gguf', { quant: 'Q8_0', repo: 'Hermes-3-Llama-3.1-8B' }),
    entry('tiny.gguf', { publisher: 'imported', repo: 'tiny', quant: null }),
  ];

  it('matches every word in any order and case, across name, quant and repo', () => {
    expect(filterPicker(models, 'q8 8b').map((m) => m.model.fileName)).toEqual([
      'Hermes-3-Llama-3.1-8B.Q8_0.gguf',
    ]);
    expect(filterPicker(models, 'IMPORTED').map((m) => m.model.fileName)).toEqual(['tiny.gguf']);
    expect(filterPicker(models, '  ')).toHaveLength(3);
    expect(filterPicker(models, 'mistral')).toEqual([]);
  });

  it('names a model by its header name, else its file', () => {
    expect(pickerTitle(entry('a.gguf'))).toBe('a');
    const named = entry('a.gguf', { metadata: { name: 'Hermes 3' } as never });
    expect(pickerTitle(named)).toBe('Hermes 3');
  });

  it('says when a model was last used and its saved context', () => {
    const now = new Date(2026, 5, 10, 12, 0).getTime();
    expect(lastUsedLabel(null, now)).toBe('Never used');
    expect(lastUsedLabel(now - 10_000, now)).toBe('Used just now');
    expect(lastUsedLabel(now - 5 * 60_000, now)).toBe('Used 5m ago');
    expect(lastUsedLabel(now - 3 * 3_600_000, now)).toBe('Used 3h ago');
    expect(lastUsedLabel(now - 24 * 3_600_000, now)).toBe('Used yesterday');
    const e = entry('a.gguf');
    expect(contextLabel(e)).toBe('ctx auto');
    e.settings.contextSize = 8192;
    expect(contextLabel(e)).toBe('ctx 8,192');
  });
});
