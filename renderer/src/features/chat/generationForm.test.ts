import { describe, expect, it } from 'vitest';
import { HERMES_DEFAULT_SAMPLING } from '../../../../shared/contract/types';
import { DEFAULTS, formFromSampling, samplingFromForm } from './generationForm';

describe('generation settings form', () => {
  it('starts from the Hermes defaults and stores nothing when unchanged', () => {
    const form = formFromSampling({});
    expect(form).toMatchObject({ temperature: '0.8', topK: '50', maxTokens: '750', seed: '' });
    expect(DEFAULTS.repeatPenalty).toBe(HERMES_DEFAULT_SAMPLING.repeatPenalty);
    expect(samplingFromForm(form)).toEqual({ ok: true, sampling: {} });
  });

  it('keeps only the changed values, with seed, stops and context settings', () => {
    const form = {
      ...formFromSampling({ topK: 40 }),
      temperature: '0.2',
      seed: '42',
      stopStrings: '<|im_end|>\n\nUser:',
      contextLength: '2048',
      contextPolicy: 'truncateMiddle' as const,
    };
    expect(samplingFromForm(form)).toEqual({
      ok: true,
      sampling: {
        temperature: 0.2,
        topK: 40,
        seed: 42,
        stopStrings: ['<|im_end|>', 'User:'],
        contextLength: 2048,
        contextPolicy: 'truncateMiddle',
      },
    });
    expect(formFromSampling({ stopStrings: ['a', 'b'], seed: 7 })).toMatchObject({
      stopStrings: 'a\nb',
      seed: '7',
    });
  });

  it('names every invalid field', () => {
    const result = samplingFromForm({
      ...formFromSampling({}),
      temperature: 'hot',
      topP: '0',
      topK: '2.5',
      maxTokens: '0',
      seed: '-1',
      contextLength: '10',
      stopStrings: Array.from({ length: 17 }, (_, i) => `s${i}`).join('\n'),
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        temperature: 'Enter a number',
        topP: 'Must be above 0',
        topK: 'Enter a whole number',
        maxTokens: 'At least 1',
        seed: 'At least 0',
        contextLength: 'At least 64',
        stopStrings: 'At most 16 stop strings',
      },
    });
  });
});
