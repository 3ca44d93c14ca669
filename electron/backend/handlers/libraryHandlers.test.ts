import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubTestServer } from '../../../scripts/hub/HubTestServer';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import type { DownloadJobInfo } from '../../../shared/contract/library';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';
import { FAST_TUNING, listTree, sha256File, startHubPair } from '../models/testSupport';

const REPO = 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF';
const Q4 = 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf';
const BAD = 'NousResearch/Corrupt-Hermes-GGUF';
const GATED = 'NousResearch/Gated-Hermes-GGUF';

let hub: HubTestServer;
let cdn: HubTestServer;
let stopServers: () => Promise<void>;
let h: Harness;
let tiny: Buffer;

beforeAll(async () => {
  tiny = await readFile(await ensureTinyModel());
  ({ hub, cdn, stop: stopServers } = await startHubPair());
  hub.addRepo({ id: REPO, downloads: 900, files: [{ path: Q4, content: tiny }] });
  hub.addRepo({ id: BAD, files: [{ path: 'bad.Q4_K_M.gguf', content: tiny }] });
  hub.addRepo({ id: GATED, gated: 'manual', files: [{ path: 'g.Q4_0.gguf', content: tiny }] });
  cdn.inject({ kind: 'corrupt', offset: 1000, repo: BAD });
  h = await startHarness('memory', {
    hubEndpoint: hub.url,
    hubToken: null,
    downloads: { ...FAST_TUNING, progressIntervalMs: 10 },
  });
});

afterAll(async () => {
  await h?.close({ removeData: true });
  await stopServers();
});

async function finished(id: string): Promise<DownloadJobInfo> {
  const done = ['completed', 'error', 'cancelled'];
  const listed = (await h.client.request('downloads.list', {})).jobs.find((j) => j.id === id);
  if (listed && done.includes(listed.state)) return listed;
  return nextEvent(h.client, 'downloads.state', (j) => j.id === id && done.includes(j.state));
}

describe('model library API on the real backend', () => {
  it('lists the curated Hermes catalog', async () => {
    const { entries } = await h.client.request('library.catalog', {});
    expect(entries.map((e) => e.repoId)).toContain('NousResearch/Hermes-3-Llama-3.1-8B-GGUF');
    expect(entries.every((e) => e.description.length > 10)).toBe(true);
  });

  it('searches the configured Hub', async () => {
    const { results } = await h.client.request('hub.search', { query: 'hermes-3' });
    expect(results.map((r) => r.id)).toEqual([REPO]);
  });

  it('shows a repo with fit estimates for this machine and a recommended quant', async () => {
    const view = await h.client.request('hub.repo', { repoId: REPO, contextSize: 2048 });
    expect(view.hardware?.ramTotalBytes).toBeGreaterThan(0);
    expect(view.files).toHaveLength(1);
    const [file] = view.files;
    expect(file).toMatchObject({ id: Q4, quant: 'Q4_K_M', recommended: true, libraryId: null });
    expect(file?.fit).toMatchObject({ badge: 'cpu-only', contextSize: 2048, gpuLayers: 0 });
    expect(file?.fit?.ramBytes).toBeGreaterThan(0);
    expect(view.recommended?.modelId).toBe(Q4);
    const quick = await h.client.request('hub.repo', { repoId: REPO, fit: false });
    expect(quick.files[0]?.fit).toBeNull();
    expect(quick.hardware).toBeNull();
  });

  it('downloads, verifies, lists, loads with saved settings, and deletes a model', async () => {
    const changed = nextEvent(h.client, 'library.changed');
    const job = await h.client.request('downloads.start', { repoId: REPO, quant: 'Q4_K_M' });
    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'completed', receivedBytes: tiny.length });
    await changed;
    const { models } = await h.client.request('library.list', {});
    const id = `${REPO}/${Q4}`;
    const model = models.find((m) => m.id === id);
    expect(model?.metadata).toMatchObject({ architecture: 'llama', hermesVersion: '3' });
    expect(await sha256File(model?.path ?? '')).toBe(hub.sha256Of(REPO, Q4));
    expect(
      (await h.client.request('hub.repo', { repoId: REPO, fit: false })).files[0],
    ).toMatchObject({ libraryId: id });

    const status = await h.client.request('library.load', {
      id,
      settings: { contextSize: 512, threads: 1, toolResponseRole: 'user' },
    });
    expect(status).toMatchObject({ state: 'ready' });
    expect(status.model?.contextSize).toBe(512);
    expect(await h.client.request('library.getSettings', { id })).toMatchObject({
      contextSize: 512,
      toolResponseRole: 'user',
      gpuLayers: 'auto',
    });

    await h.client.request('library.delete', { id });
    expect((await h.client.request('engine.status', {})).model).toBeNull();
    expect((await h.client.request('library.list', {})).models).toEqual([]);
  });

  it('fails a corrupted download with the reason and keeps it out of the library', async () => {
    const job = await h.client.request('downloads.start', { repoId: BAD, quant: 'Q4_K_M' });
    const done = await finished(job.id);
    expect(done.state).toBe('error');
    expect(done.error).toMatchObject({ code: 'DOWNLOAD_FAILED' });
    expect(done.error?.message).toMatch(/corrupt/);
    expect((await listTree(join(h.dataDir, 'models'))).filter((p) => p.endsWith('.gguf'))).toEqual(
      [],
    );
  });

  it('explains a gated repo without a token, and refuses to store one in the host', async () => {
    const job = await h.client.request('downloads.start', { repoId: GATED, quant: 'Q4_0' });
    const done = await finished(job.id);
    expect(done.error?.message).toMatch(/gated/);
    expect(await h.client.request('hub.tokenStatus', {})).toMatchObject({
      configured: false,
      canStore: false,
      endpoint: hub.url,
    });
    await expect(h.client.request('hub.setToken', { token: 'hf_abcdefgh' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('HF_TOKEN'),
    });
  });

  it('lists the library for the model picker: fit, saved settings, last used first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talaria-picker-'));
    const first = join(dir, 'Alpha.Q4_K_M.gguf');
    const second = join(dir, 'Beta.Q4_K_M.gguf');
    await writeFile(first, tiny);
    await writeFile(second, tiny);
    const alpha = await h.client.request('library.import', { path: first });
    const beta = await h.client.request('library.import', { path: second });
    await h.client.request('library.setSettings', { id: beta.id, settings: { contextSize: 256 } });

    const before = await h.client.request('library.picker', {});
    expect(before.models.map((m) => m.model.fileName)).toEqual([
      'Alpha.Q4_K_M.gguf',
      'Beta.Q4_K_M.gguf',
    ]);
    expect(before.models.every((m) => m.lastUsedAt === null)).toBe(true);
    expect(before.models[0]?.fit).toMatchObject({ badge: 'cpu-only', contextSize: 4096 });
    expect(before.models[1]?.fit).toMatchObject({ contextSize: 256 });
    expect(before.models[1]?.settings.contextSize).toBe(256);

    await h.client.request('library.load', { id: beta.id });
    const after = await h.client.request('library.picker', {});
    expect(after.models[0]?.model.id).toBe(beta.id);
    expect(after.models[0]?.lastUsedAt).toBeGreaterThan(Date.now() - 60_000);

    await expect(h.client.request('library.import', { path: first })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Alpha.Q4_K_M.gguf is already in your library'),
      details: { existingId: alpha.id },
    });
    await h.client.request('engine.unload', {});
    await h.client.request('library.delete', { id: alpha.id });
    await h.client.request('library.delete', { id: beta.id });
  });

  it('answers bad library requests with clear errors', async () => {
    await expect(
      h.client.request('library.load', { id: '../../etc/passwd.gguf' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      h.client.request('downloads.start', { repoId: REPO, file: '../evil.gguf' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      h.client.request('library.import', { path: '/nope/x.gguf' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
