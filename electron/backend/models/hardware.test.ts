import { describe, expect, it } from 'vitest';
import type { HardwareInfo } from '../../../shared/contract/library';
import { hermesCatalog } from './catalog';
import { createHardwareSource, detectHardware, osHardware } from './hardware';

describe('hardware for fit estimates', () => {
  it('reads llama.cpp’s view of this machine (no GPU here) with the OS’s RAM', async () => {
    const hw = await detectHardware(false);
    expect(hw).toMatchObject({ gpu: false, vramTotalBytes: 0, source: 'engine' });
    expect(hw.ramTotalBytes).toBe(osHardware().ramTotalBytes);
    expect(hw.cpuCores).toBeGreaterThan(0);
  });

  it('asks the engine at most once per interval and falls back to the OS when it cannot', async () => {
    let calls = 0;
    let clock = 0;
    const gpu: HardwareInfo = {
      ...osHardware(),
      gpu: 'cuda',
      vramTotalBytes: 8e9,
      source: 'engine',
    };
    const source = createHardwareSource(
      async () => {
        calls++;
        if (calls === 2) throw new Error('engine crashed');
        return gpu;
      },
      1000,
      () => clock,
    );
    expect((await source()).gpu).toBe('cuda');
    expect((await source()).gpu).toBe('cuda');
    expect(calls).toBe(1);
    clock = 2000;
    expect(await source()).toMatchObject({ gpu: false, source: 'os' });
  });
});

describe('Hermes catalog', () => {
  it('lists the curated repos with descriptions, and rejects a malformed catalog', () => {
    const entries = hermesCatalog();
    expect(entries.map((e) => e.repoId)).toEqual(
      expect.arrayContaining([
        'NousResearch/Hermes-3-Llama-3.2-3B-GGUF',
        'NousResearch/Hermes-3-Llama-3.1-70B-GGUF',
        'NousResearch/Hermes-2-Pro-Mistral-7B-GGUF',
      ]),
    );
    expect(() => hermesCatalog({ version: 1, entries: [{ repoId: '../x' }] })).toThrow();
  });
});
