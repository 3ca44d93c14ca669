import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGgufFile } from '../../../scripts/gguf/ggufWriter';
import { buildTestModel, writeTestModel } from '../../../scripts/gguf/writeTestModel';
import type { HubTestServer } from '../../../scripts/hub/HubTestServer';
import { estimateFit, type FitEstimate, type FitHardware } from './fitEstimate';
import { HubClient } from './HubClient';
import { estimateRepoFits, recommendQuant, type ModelFit } from './repoFit';
import { removeDir, startHubPair, tempDir } from './testSupport';

const REPO = 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF';
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

let hub: HubTestServer;
let cdn: HubTestServer;
let stopServers: () => Promise<void>;
let dir: string;
const local: Record<string, string> = {};

beforeAll(async () => {
  dir = await tempDir('repofit');
  ({ hub, cdn, stop: stopServers } = await startHubPair());
  for (const quant of ['f32', 'f16', 'q8_0', 'q4_0'] as const) {
    local[quant] = await writeTestModel({ out: join(dir, `${quant}.gguf`), quant });
  }
  // A split model the way llama.cpp's gguf-split writes it: metadata in part 1, tensors in both.
  const { metadata, tensors } = buildTestModel({ quant: 'q8_0' });
  const half = Math.floor(tensors.length / 2);
  const split = (no: number) =>
    [
      ['split.no', { type: 'u32', value: no }],
      ['split.count', { type: 'u32', value: 2 }],
    ] as const;
  local.split1 = join(dir, 'split-00001-of-00002.gguf');
  local.split2 = join(dir, 'split-00002-of-00002.gguf');
  await writeGgufFile(local.split1, [...metadata, ...split(0)], tensors.slice(0, half));
  await writeGgufFile(local.split2, [...split(1)], tensors.slice(half));
  const file = async (path: string, name: string) => ({
    path: name,
    content: await readFile(path),
  });
  hub.addRepo({
    id: REPO,
    gated: 'manual',
    files: [
      await file(local.f32 ?? '', 'Hermes-3-Llama-3.2-3B.F32.gguf'),
      await file(local.f16 ?? '', 'Hermes-3-Llama-3.2-3B.F16.gguf'),
      await file(local.q8_0 ?? '', 'Hermes-3-Llama-3.2-3B.Q8_0.gguf'),
      await file(local.q4_0 ?? '', 'Hermes-3-Llama-3.2-3B.Q4_0.gguf'),
      await file(local.split1, 'split/Hermes-3-Llama-3.2-3B.Q8_0-00001-of-00002.gguf'),
      await file(local.split2, 'split/Hermes-3-Llama-3.2-3B.Q8_0-00002-of-00002.gguf'),
    ],
  });
  hub.addToken('hf_fit');
});

afterAll(async () => {
  await stopServers();
  await removeDir(dir);
});

describe('estimateRepoFits', () => {
  it('reads remote headers by range and gives the same numbers as the local file', async () => {
    const client = new HubClient({ endpoint: hub.url, token: 'hf_fit' });
    const models = await client.listGgufModels(REPO);
    const previous = process.env.HF_TOKEN;
    process.env.HF_TOKEN = 'hf_from_env';
    let result;
    try {
      result = await estimateRepoFits(client, REPO, models, {
        hardware: gpuBox,
        contextSize: 2048,
      });
    } finally {
      if (previous === undefined) delete process.env.HF_TOKEN;
      else process.env.HF_TOKEN = previous;
    }
    const byQuant = Object.fromEntries(result.fits.map((f) => [f.modelId, f]));
    const q4 = byQuant['Hermes-3-Llama-3.2-3B.Q4_0.gguf'];
    const localQ4 = await estimateFit(
      await readGgufFileInfo(local.q4_0 ?? '', { logWarnings: false }),
      { hardware: gpuBox, contextSize: 2048 },
    );
    expect(q4?.fit).toEqual(localQ4);
    const split = byQuant['split/Hermes-3-Llama-3.2-3B.Q8_0-00001-of-00002.gguf'];
    const localSplit = await estimateFit(
      await readGgufFileInfo(local.split1 ?? '', { logWarnings: false }),
      { hardware: gpuBox, contextSize: 2048 },
    );
    expect(split?.fit?.parameterCount).toBe(localSplit.parameterCount);
    expect(split?.fit?.modelSizeBytes).toBe(localSplit.modelSizeBytes);
    expect(result.fits.every((f) => f.fit?.badge === 'full-gpu')).toBe(true);
    expect(result.recommended?.modelId).toMatch(/Q8_0/);

    // The token reached the Hub only; the CDN (another origin) saw no credentials at all.
    expect(
      hub.requests
        .filter((r) => r.route === 'resolve')
        .every((r) => r.headers.authorization === 'Bearer hf_fit'),
    ).toBe(true);
    expect(cdn.requests.length).toBeGreaterThan(0);
    expect(cdn.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(cdn.requests.every((r) => typeof r.headers.range === 'string')).toBe(true);
  });

  it('reports a gated repo without a token per file instead of failing the whole view', async () => {
    const client = new HubClient({ endpoint: hub.url });
    const models = await client.listGgufModels(REPO);
    const { fits, recommended } = await estimateRepoFits(client, REPO, models, {
      hardware: cpuBox,
    });
    expect(fits.every((f) => f.fit === null && /gated repository/.test(f.error ?? ''))).toBe(true);
    expect(recommended).toBeNull();
  });
});

describe('recommendQuant', () => {
  const fit = (
    modelId: string,
    badge: FitEstimate['badge'],
    bitsPerWeight: number,
    sizeBytes: number,
  ): ModelFit => ({
    modelId,
    quant: modelId,
    sizeBytes,
    error: null,
    fit: { badge, bitsPerWeight } as FitEstimate,
  });

  it('prefers the best quality fully on the GPU, up to Q8_0', () => {
    expect(
      recommendQuant([
        fit('Q4_K_M', 'full-gpu', 4.9, 5),
        fit('Q8_0', 'full-gpu', 8.5, 8),
        fit('F16', 'full-gpu', 16, 16),
      ])?.modelId,
    ).toBe('Q8_0');
    expect(
      recommendQuant([fit('F16', 'full-gpu', 16, 16), fit('F32', 'full-gpu', 32, 32)])?.modelId,
    ).toBe('F16');
  });

  it('picks the Q4_K_M class when layers must run on the CPU, partial offload first', () => {
    const fits = [
      fit('Q8_0', 'cpu-only', 8.5, 8),
      fit('Q4_K_M', 'cpu-only', 4.9, 5),
      fit('Q3_K_M', 'partial-gpu', 3.9, 4),
      fit('Q2_K', 'partial-gpu', 3.2, 3),
    ];
    expect(recommendQuant(fits)?.modelId).toBe('Q3_K_M');
    expect(recommendQuant(fits.slice(0, 2))).toMatchObject({
      modelId: 'Q4_K_M',
      reason: expect.stringContaining('on the CPU'),
    });
  });

  it('falls back to the smallest file that fits, and to nothing when none does', () => {
    expect(
      recommendQuant([
        fit('Q8_0', 'cpu-only', 8.5, 8),
        fit('Q6_K', 'cpu-only', 6.6, 6),
        fit('Q2_K', 'too-big', 3, 3),
      ])?.modelId,
    ).toBe('Q6_K');
    expect(recommendQuant([fit('F16', 'too-big', 16, 16)])).toBeNull();
  });
});
