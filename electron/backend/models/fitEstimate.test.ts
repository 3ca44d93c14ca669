import { join } from 'node:path';
import { GgufInsights, readGgufFileInfo, type GgufFileInfo } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestModel } from '../../../scripts/gguf/writeTestModel';
import { ensureBrokenModel, ensureTinyModel } from '../../../scripts/testing/testModels';
import { estimateFit, type FitHardware } from './fitEstimate';
import { removeDir, tempDir } from './testSupport';

const GB = 1e9;
const cpuBox: FitHardware = {
  gpu: false,
  vramTotalBytes: 0,
  vramFreeBytes: 0,
  ramTotalBytes: 16 * GB,
  ramFreeBytes: 8 * GB,
  platform: 'linux',
};
const gpuBox: FitHardware = {
  ...cpuBox,
  gpu: 'cuda',
  vramTotalBytes: 8 * GB,
  vramFreeBytes: 8 * GB,
};

let info: GgufFileInfo;
let dir: string;

beforeAll(async () => {
  info = await readGgufFileInfo(await ensureTinyModel(), { logWarnings: false });
  dir = await tempDir('fit');
});

afterAll(async () => {
  await removeDir(dir);
});

describe('estimateFit', () => {
  it('puts every layer on a GPU with room, with the VRAM and RAM behind it', async () => {
    const fit = await estimateFit(info, { hardware: gpuBox, contextSize: 4096 });
    expect(fit).toMatchObject({
      badge: 'full-gpu',
      contextSize: 4096,
      totalLayers: 3,
      gpuLayers: 3,
      tight: false,
    });
    expect(fit.vramBytes).toBe(fit.modelVramBytes + fit.contextVramBytes);
    expect(fit.vramBytes).toBeGreaterThan(fit.modelSizeBytes);
    expect(fit.parameterCount).toBeGreaterThan(100_000);
    expect(fit.summary).toMatch(
      /^Fully on the GPU at 4,096 tokens of context: .+ VRAM and .+ RAM\.$/,
    );
  });

  it('runs on the CPU without a GPU and counts the context in RAM', async () => {
    const small = await estimateFit(info, { hardware: cpuBox, contextSize: 1024 });
    const large = await estimateFit(info, { hardware: cpuBox, contextSize: 4096 });
    expect(small).toMatchObject({ badge: 'cpu-only', gpuLayers: 0, vramBytes: 0 });
    expect(large.ramBytes).toBeGreaterThan(small.ramBytes);
    expect(large.ramBytes).toBe(large.modelRamBytes + large.contextRamBytes);
  });

  it('offloads only the layers that fit in free VRAM after padding', async () => {
    const insights = await GgufInsights.from(info);
    const vramFor = (layers: number) =>
      insights.estimateModelResourceRequirements({ gpuLayers: layers }).gpuVram +
      insights.estimateContextResourceRequirements({
        contextSize: 2048,
        modelGpuLayers: layers,
        flashAttention: false,
      }).gpuVram;
    const budget = Math.floor((vramFor(1) + vramFor(2)) / 2);
    const total = Math.ceil(budget / 0.92) + 1;
    const fit = await estimateFit(info, {
      hardware: { ...gpuBox, vramTotalBytes: total, vramFreeBytes: total },
      contextSize: 2048,
    });
    expect(fit).toMatchObject({ badge: 'partial-gpu', gpuLayers: 1, totalLayers: 3 });
    expect(fit.vramBytes).toBeLessThanOrEqual(fit.vramBudgetBytes);
    expect(fit.summary).toContain('1 of 3 layers fit on the GPU');
    const none = await estimateFit(info, {
      hardware: { ...gpuBox, vramFreeBytes: 0 },
      contextSize: 2048,
    });
    expect(none).toMatchObject({ badge: 'cpu-only', gpuLayers: 0 });
  });

  it('says too big when RAM cannot hold it, and tight when it needs more than is free', async () => {
    const base = await estimateFit(info, { hardware: cpuBox });
    const tooBig = await estimateFit(info, {
      hardware: { ...cpuBox, ramTotalBytes: base.ramBytes, ramFreeBytes: base.ramBytes },
    });
    expect(tooBig.badge).toBe('too-big');
    expect(tooBig.summary).toContain('Too big for this machine');
    const tight = await estimateFit(info, {
      hardware: { ...cpuBox, ramFreeBytes: base.ramBytes - 1 },
    });
    expect(tight).toMatchObject({ badge: 'cpu-only', tight: true });
  });

  it('caps the context at the trained length and ranks quants by bits per weight', async () => {
    expect(
      (await estimateFit(info, { hardware: cpuBox, contextSize: 1_000_000 })).contextSize,
    ).toBe(4096);
    const q4 = await readGgufFileInfo(
      await writeTestModel({ out: join(dir, 'q4.gguf'), quant: 'q4_0' }),
      { logWarnings: false },
    );
    const fit = await estimateFit(q4, { hardware: cpuBox });
    expect(fit.bitsPerWeight).toBeGreaterThan(4.5);
    expect(fit.bitsPerWeight).toBeLessThan(5);
    expect((await estimateFit(info, { hardware: cpuBox })).bitsPerWeight).toBeCloseTo(32, 0);
  });

  it('refuses a GGUF that llama.cpp would abort on', async () => {
    const broken = await readGgufFileInfo(await ensureBrokenModel(), { logWarnings: false });
    await expect(estimateFit(broken, { hardware: cpuBox })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('llama.feed_forward_length'),
    });
  });
});
