import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestModel } from '../../../scripts/gguf/writeTestModel';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { preflightModelFile } from './modelPreflight';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talaria-preflight-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('preflightModelFile', () => {
  it('accepts a well-formed model and returns its header and size', async () => {
    const { fileInfo, sizeBytes } = await preflightModelFile(await ensureTinyModel());
    expect(fileInfo.metadata.general.architecture).toBe('llama');
    expect(sizeBytes).toBeGreaterThan(100_000);
  });

  it.each([
    'general.architecture',
    'llama.context_length',
    'llama.embedding_length',
    'llama.block_count',
    'llama.feed_forward_length',
    'llama.attention.head_count',
  ])('names the missing key %s', async (key) => {
    const path = await writeTestModel({ out: join(dir, `${key}.gguf`), omitKeys: [key] });
    await expect(preflightModelFile(path)).rejects.toMatchObject({
      code: 'LOAD_FAILED',
      message: expect.stringContaining(`missing ${key}`),
    });
  });
});
