import { copyFile, mkdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeTestModel } from '../../../scripts/gguf/writeTestModel';
import { ensureBrokenModel, ensureTinyModel } from '../../../scripts/testing/testModels';
import { ModelLibrary } from './ModelLibrary';
import { listTree, removeDir, tempDir } from './testSupport';

const REPO_DIR = 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF';
const FILE = 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf';

let tiny: string;
let noToolUse: string;
let work: string;
let modelsDir: string;

beforeAll(async () => {
  tiny = await ensureTinyModel();
});

beforeEach(async () => {
  work = await tempDir('library');
  modelsDir = join(work, 'models');
  await mkdir(modelsDir);
  noToolUse = await writeTestModel({
    out: join(work, 'src', 'no-tool-use.gguf'),
    withoutToolUseTemplate: true,
    name: 'Plain Llama',
  });
});

afterEach(async () => {
  await removeDir(work);
});

async function place(rel: string, source = tiny): Promise<string> {
  const path = join(modelsDir, ...rel.split('/'));
  await mkdir(join(path, '..'), { recursive: true });
  await copyFile(source, path);
  return path;
}

describe('ModelLibrary scan', () => {
  it('lists models in publisher/repo/file layout with their GGUF metadata', async () => {
    await place(`${REPO_DIR}/${FILE}`);
    await place('local/plain/plain.gguf', noToolUse);
    await place('.downloads/abc/0.gguf');
    const models = await new ModelLibrary({ modelsDir }).list();
    expect(models.map((m) => m.id)).toEqual(['local/plain/plain.gguf', `${REPO_DIR}/${FILE}`]);
    const [plain, hermes] = models;
    expect(hermes).toMatchObject({
      publisher: 'NousResearch',
      repo: 'Hermes-3-Llama-3.2-3B-GGUF',
      fileName: FILE,
      complete: true,
      error: null,
      quant: 'F32',
      metadata: {
        architecture: 'llama',
        contextLength: 4096,
        chatTemplate: 'chatml',
        hermesVersion: '3',
        hasToolUseTemplate: true,
        fileType: 'F32',
      },
    });
    expect(hermes?.metadata?.parameterCount).toBeGreaterThan(100_000);
    expect(plain?.metadata).toMatchObject({
      hasToolUseTemplate: false,
      hermesVersion: null,
      name: 'Plain Llama',
    });
  });

  it('groups split parts and flags unreadable or incomplete models without failing the scan', async () => {
    const dir = join(modelsDir, 'x', 'y');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'big-00001-of-00002.gguf'), 'not gguf');
    await writeFile(join(dir, 'big-00002-of-00002.gguf'), 'not gguf');
    await writeFile(join(dir, 'half-00001-of-00003.gguf'), 'x');
    const models = await new ModelLibrary({ modelsDir }).list();
    expect(models.map((m) => [m.id, m.parts.length, m.complete, m.error])).toEqual([
      ['x/y/big-00001-of-00002.gguf', 2, true, 'Not a GGUF model file.'],
      ['x/y/half-00001-of-00003.gguf', 1, false, 'Some parts of this split model are missing.'],
    ]);
  });
});

describe('ModelLibrary import', () => {
  it.each(['copy', 'hardlink', 'symlink'] as const)('imports a GGUF by %s', async (mode) => {
    const library = new ModelLibrary({ modelsDir });
    const model = await library.import({ sourcePath: noToolUse, mode });
    expect(model).toMatchObject({
      id: 'imported/no-tool-use/no-tool-use.gguf',
      linked: mode === 'symlink',
      error: null,
    });
    expect(model.metadata?.architecture).toBe('llama');
    await library.delete(model.id);
    expect(await listTree(modelsDir)).toEqual([]);
    expect((await stat(noToolUse)).size).toBeGreaterThan(0);
  });

  it('files an import under the publisher and repo given', async () => {
    const model = await new ModelLibrary({ modelsDir }).import({
      sourcePath: tiny,
      publisher: 'NousResearch',
      repo: 'Hermes-3-Llama-3.2-3B-GGUF',
    });
    expect(model.id).toBe(`${REPO_DIR}/${tiny.split('/').pop()}`);
    expect(model.metadata?.hermesVersion).toBe('3');
  });

  async function expectRejected(source: string, message: string) {
    const library = new ModelLibrary({ modelsDir });
    const before = await listTree(modelsDir);
    await expect(library.import({ sourcePath: source })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(message),
    });
    expect(await listTree(modelsDir)).toEqual(before);
  }

  it('rejects a truncated GGUF and leaves the library untouched', async () => {
    const cut = join(work, 'cut.gguf');
    await copyFile(tiny, cut);
    await truncate(cut, Math.floor((await stat(tiny)).size * 0.8));
    await expectRejected(cut, 'the file is truncated');
  });

  it('rejects a GGUF whose header is cut short', async () => {
    const cut = join(work, 'header.gguf');
    await writeFile(cut, (await readFile(tiny)).subarray(0, 3000));
    await expectRejected(cut, 'the file is truncated');
    await place('x/y/cut.gguf', cut);
    const [listed] = await new ModelLibrary({ modelsDir }).list();
    expect(listed).toMatchObject({ metadata: null, error: expect.stringContaining('truncated') });
  });

  it('rejects a file that is not a GGUF', async () => {
    const fake = join(work, 'notes.gguf');
    await writeFile(fake, 'these are my notes, not a model');
    await expectRejected(fake, 'it is not a GGUF model file');
  });

  it('rejects a GGUF missing keys llama.cpp needs', async () => {
    const broken = join(work, 'broken.gguf');
    await copyFile(await ensureBrokenModel(), broken);
    await expectRejected(broken, 'missing llama.feed_forward_length');
  });

  it('rejects non-.gguf names, missing files and duplicates', async () => {
    await expectRejected(join(work, 'model.bin'), 'only .gguf files');
    await expectRejected(join(work, 'absent.gguf'), 'does not exist');
    const library = new ModelLibrary({ modelsDir });
    await library.import({ sourcePath: noToolUse });
    await expectRejected(noToolUse, 'is already in your library');
  });
});

describe('ModelLibrary delete and settings', () => {
  it('deletes a model, its empty folders and its settings', async () => {
    await place(`${REPO_DIR}/${FILE}`);
    await place(`${REPO_DIR}/other.Q8_0.gguf`);
    const library = new ModelLibrary({ modelsDir });
    await library.setLoadSettings(`${REPO_DIR}/${FILE}`, { contextSize: 8192 });
    await library.delete(`${REPO_DIR}/${FILE}`);
    expect(await listTree(modelsDir)).toEqual([
      '.talaria/model-settings.json',
      `${REPO_DIR}/other.Q8_0.gguf`,
    ]);
    await library.delete(`${REPO_DIR}/other.Q8_0.gguf`);
    expect(await listTree(modelsDir)).toEqual(['.talaria/model-settings.json']);
    await expect(library.delete(`${REPO_DIR}/${FILE}`)).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    await expect(library.delete('../outside.gguf')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('keeps per-model load settings with defaults, validation and persistence', async () => {
    const id = `${REPO_DIR}/${FILE}`;
    await place(id);
    await place('mlabonne/Hermes-3-Llama-3.2-3B-abliterated-GGUF/m.Q4_K_M.gguf');
    const library = new ModelLibrary({ modelsDir });
    expect(await library.getLoadSettings(id)).toEqual({
      gpuLayers: 'auto',
      contextSize: 'auto',
      flashAttention: false,
      threads: null,
      batchSize: null,
      toolResponseRole: 'tool',
    });
    expect(
      (
        await library.getLoadSettings(
          'mlabonne/Hermes-3-Llama-3.2-3B-abliterated-GGUF/m.Q4_K_M.gguf',
        )
      ).toolResponseRole,
    ).toBe('user');
    await library.setLoadSettings(id, {
      gpuLayers: 20,
      contextSize: 16384,
      toolResponseRole: 'user',
      threads: 2,
    });
    expect(await new ModelLibrary({ modelsDir }).getLoadSettings(id)).toMatchObject({
      gpuLayers: 20,
      contextSize: 16384,
      toolResponseRole: 'user',
      threads: 2,
      flashAttention: false,
    });
    await expect(library.setLoadSettings(id, { gpuLayers: -1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('gpuLayers'),
    });
    await expect(
      library.setLoadSettings(id, { toolResponseRole: 'system' as never }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
