import { describe, expect, it } from 'vitest';
import { groupGgufFiles, parseQuant, parseSplitName } from './ggufFileNames';
import type { HubFileEntry } from './hubTypes';

describe('parseQuant', () => {
  it.each([
    ['Hermes-3-Llama-3.1-8B.Q4_K_M.gguf', 'Q4_K_M'],
    ['Hermes-3-Llama-3.1-8B.Q8_0.gguf', 'Q8_0'],
    ['Hermes-3-Llama-3.2-3B-IQ4_XS.gguf', 'IQ4_XS'],
    ['Hermes-2-Pro-Llama-3-8B-F16.gguf', 'F16'],
    ['hermes-3-llama-3.1-70b-bf16-00001-of-00004.gguf', 'BF16'],
    ['model-q5_k_s.gguf', 'Q5_K_S'],
    ['Q4_K_M/Hermes-3-Llama-3.1-70B.Q4_K_M-00002-of-00002.gguf', 'Q4_K_M'],
    ['Hermes-3-Llama-3.1-8B-UD-Q2_K_XL.gguf', 'Q2_K_XL'],
    ['model.IQ2_XXS.gguf', 'IQ2_XXS'],
    ['model.fp16.gguf', 'F16'],
    ['Qwen2-7B-Instruct.gguf', null],
    ['Llama-3.1-8B.gguf', null],
  ])('%s → %s', (name, quant) => {
    expect(parseQuant(name)).toBe(quant);
  });
});

describe('parseSplitName', () => {
  it('reads part and total', () => {
    expect(parseSplitName('dir/name-00002-of-00003.gguf')).toEqual({
      base: 'dir/name',
      part: 2,
      total: 3,
    });
    expect(parseSplitName('name.gguf')).toBeNull();
    expect(parseSplitName('name-00004-of-00003.gguf')).toBeNull();
  });
});

const entry = (path: string, size: number): HubFileEntry => ({
  path,
  size,
  sha256: size.toString(16).padStart(64, '0'),
  gitOid: 'a'.repeat(40),
});

describe('groupGgufFiles', () => {
  it('groups split parts into one model, in part order, and keeps single files', () => {
    const models = groupGgufFiles([
      entry('README.md', 10),
      entry('big.Q8_0-00002-of-00003.gguf', 200),
      entry('big.Q8_0-00001-of-00003.gguf', 300),
      entry('big.Q8_0-00003-of-00003.gguf', 100),
      entry('small.Q4_K_M.gguf', 50),
      entry('mmproj-model-f16.gguf', 20),
    ]);
    expect(models.map((m) => [m.id, m.quant, m.sizeBytes, m.split, m.role])).toEqual([
      ['mmproj-model-f16.gguf', 'F16', 20, false, 'projector'],
      ['small.Q4_K_M.gguf', 'Q4_K_M', 50, false, 'model'],
      ['big.Q8_0-00001-of-00003.gguf', 'Q8_0', 600, true, 'model'],
    ]);
    const big = models[2];
    expect(big?.name).toBe('big.Q8_0.gguf');
    expect(big?.parts.map((p) => p.path)).toEqual([
      'big.Q8_0-00001-of-00003.gguf',
      'big.Q8_0-00002-of-00003.gguf',
      'big.Q8_0-00003-of-00003.gguf',
    ]);
    expect(big?.complete).toBe(true);
  });

  it('marks a split model with a missing part as incomplete', () => {
    const [model] = groupGgufFiles([entry('x-00001-of-00002.gguf', 1)]);
    expect(model?.complete).toBe(false);
  });
});
