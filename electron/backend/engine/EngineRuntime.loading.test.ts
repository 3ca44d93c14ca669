import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalariaError } from '../../../shared/contract/errors';
import {
  ensureBrokenModel,
  ensureEagerEosModel,
  ensureTinyModel,
} from '../../../scripts/testing/testModels';
import { EngineRuntime } from './EngineRuntime';

const runtime = new EngineRuntime({ gpu: false, threads: 1 });
let dir: string;
let tinyModel: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talaria-engine-'));
  tinyModel = await ensureTinyModel();
  await runtime.init();
});

afterAll(async () => {
  await runtime.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function loadError(path: string): Promise<TalariaError> {
  const error = await runtime.loadModel({ path }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TalariaError);
  return error as TalariaError;
}

describe('EngineRuntime.loadModel failures', () => {
  it('reports a missing file as MODEL_NOT_FOUND and keeps it as the last error', async () => {
    const error = await loadError(join(dir, 'nope.gguf'));
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toContain('nope.gguf');
    expect(runtime.getStatus()).toMatchObject({
      state: 'error',
      model: null,
      lastError: { code: 'MODEL_NOT_FOUND' },
    });
  });

  it('rejects files that are not GGUF with LOAD_FAILED', async () => {
    const text = join(dir, 'notes.gguf');
    await writeFile(text, 'just some text, definitely not a model\n'.repeat(10));
    const textError = await loadError(text);
    expect(textError.code).toBe('LOAD_FAILED');
    expect(textError.message).toMatch(/notes\.gguf.*not a GGUF model file/);

    const empty = join(dir, 'empty.gguf');
    await writeFile(empty, '');
    expect((await loadError(empty)).code).toBe('LOAD_FAILED');
    expect((await loadError(dir)).code).toBe('LOAD_FAILED');
  });

  it('rejects a GGUF missing llama.feed_forward_length without letting llama.cpp abort', async () => {
    // Loading this file in llama.cpp kills the process; reaching the assertions proves it never did.
    const error = await loadError(await ensureBrokenModel());
    expect(error.code).toBe('LOAD_FAILED');
    expect(error.message).toContain('missing llama.feed_forward_length');
    expect(error.details).toMatchObject({ missingKeys: ['llama.feed_forward_length'] });
  });

  it('says a truncated file is truncated, in words and not in llama.cpp’s', async () => {
    const truncated = join(dir, 'truncated.gguf');
    const source = await open(tinyModel, 'r');
    const { buffer, bytesRead } = await source.read(Buffer.alloc(200_000), 0, 200_000, 0);
    await source.close();
    await writeFile(truncated, buffer.subarray(0, bytesRead));
    const error = await loadError(truncated);
    expect(error.code).toBe('LOAD_FAILED');
    expect(error.message).toMatch(/^Cannot load truncated\.gguf: the file is truncated or damaged/);
    expect(error.message).not.toMatch(/llama_|RangeError/);
  });

  it('loads a good model after failures and clears the error', async () => {
    const info = await runtime.loadModel({ path: tinyModel, contextSize: 512 });
    expect(info.contextSize).toBe(512);
    expect(runtime.getStatus()).toMatchObject({ state: 'ready', lastError: null });
  });
});

describe('EngineRuntime.loadModel replacing models', () => {
  it('unloads the previous model when another one is loaded', async () => {
    await runtime.loadModel({ path: tinyModel });
    const eager = await ensureEagerEosModel();
    const info = await runtime.loadModel({ path: eager });
    expect(info.path).toBe(eager);
    expect(runtime.getStatus().model?.path).toBe(eager);
  });

  it('keeps the loaded model when the next file fails its checks', async () => {
    await runtime.loadModel({ path: tinyModel });
    expect((await loadError(await ensureBrokenModel())).code).toBe('LOAD_FAILED');
    expect(runtime.getStatus()).toMatchObject({
      state: 'ready',
      model: { path: tinyModel },
      lastError: { code: 'LOAD_FAILED' },
    });
  });

  it('refuses a concurrent load with BUSY', async () => {
    const first = runtime.loadModel({ path: tinyModel });
    await expect(runtime.loadModel({ path: tinyModel })).rejects.toMatchObject({ code: 'BUSY' });
    expect((await first).path).toBe(tinyModel);
  });

  it('reports no model and an idle state after unloadModel', async () => {
    await runtime.unloadModel();
    expect(runtime.getStatus()).toMatchObject({ state: 'idle', model: null, gpuLayers: 0 });
  });
});
