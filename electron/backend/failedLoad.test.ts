import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../scripts/testing/testModels';
import { sourceEngineSpawner, startHarness, type Harness } from '../testing/backendHarness';

/** A copy of the tiny model cut short, as an interrupted copy or download leaves it. */
async function truncatedModel(fraction: number): Promise<string> {
  const bytes = readFileSync(await ensureTinyModel());
  const path = join(mkdtempSync(join(tmpdir(), 'talaria-trunc-')), 'Hermes-cut-short.Q4_0.gguf');
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return path;
}

describe('a failed load keeps the model the user has', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close({ removeData: true });
    h = null;
  });

  it('a truncated GGUF is refused before the loaded model is unloaded', async () => {
    h = await startHarness('memory');
    const tiny = await ensureTinyModel();
    await h.client.request('engine.load', { path: tiny });
    const error = await h.client
      .request('engine.load', { path: await truncatedModel(0.6) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'LOAD_FAILED',
      message: expect.stringMatching(
        /^Cannot load Hermes-cut-short\.Q4_0\.gguf: the file is truncated or damaged .*Download it again\.$/,
      ),
    });
    const status = await h.client.request('engine.status', {});
    expect(status.state).toBe('ready');
    expect(status.model?.path).toBe(tiny);
  });

  it('when llama.cpp itself refuses the file, the previous model is loaded again', async () => {
    // Without the header check the cut file reaches llama.cpp, which fails after the unload.
    h = await startHarness('memory', {
      spawnEngine: sourceEngineSpawner({ TALARIA_ENGINE_PREFLIGHT: 'off' }),
    });
    const tiny = await ensureTinyModel();
    await h.client.request('engine.load', { path: tiny, contextSize: 512 });
    const error = await h.client
      .request('engine.load', { path: await truncatedModel(0.6) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LOAD_FAILED' });
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot load Hermes-cut-short\.Q4_0\.gguf: /);
    expect(message).toMatch(/is loaded again\.$/);
    expect(message).not.toMatch(/llama_model_loader|RangeError/);
    const status = await h.client.request('engine.status', {});
    expect(status.state).toBe('ready');
    expect(status.model).toMatchObject({ path: tiny, contextSize: 512 });
  });
});
