import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubTestServer } from '../../../scripts/hub/HubTestServer';
import { HubClient } from './HubClient';

const REPO = 'NousResearch/Hermes-3-Llama-3.1-8B-GGUF';
const GATED = 'NousResearch/Gated-Hermes-GGUF';
const bytes = (n: number, seed: number) => Buffer.alloc(n, seed);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let hub: HubTestServer;
let cdn: HubTestServer;
let rogue: HubTestServer;

beforeAll(async () => {
  cdn = new HubTestServer();
  rogue = new HubTestServer();
  await Promise.all([cdn.start(), rogue.start()]);
  hub = new HubTestServer({ cdn, treePageSize: 2 });
  await hub.start();
  hub.addRepo({
    id: REPO,
    downloads: 1000,
    cardData: { license: 'llama3' },
    files: [
      { path: 'README.md', content: Buffer.from('# card') },
      { path: 'Hermes-3-Llama-3.1-8B.Q4_K_M.gguf', content: bytes(4000, 1) },
      { path: 'Hermes-3-Llama-3.1-8B.Q8_0.gguf', content: bytes(8000, 2) },
      { path: 'Hermes-3-Llama-3.1-8B.F16-00001-of-00003.gguf', content: bytes(6000, 3) },
      { path: 'Hermes-3-Llama-3.1-8B.F16-00002-of-00003.gguf', content: bytes(6000, 4) },
      { path: 'Hermes-3-Llama-3.1-8B.F16-00003-of-00003.gguf', content: bytes(5000, 5) },
      { path: '../evil.gguf', content: bytes(10, 6) },
    ],
  });
  hub.addRepo({
    id: 'meta-llama/Llama-3.1-8B',
    files: [{ path: 'model.safetensors', content: bytes(10, 1), lfs: true }],
  });
  hub.addRepo({
    id: GATED,
    gated: 'manual',
    files: [{ path: 'm.Q4_0.gguf', content: bytes(100, 7) }],
  });
  hub.addToken('hf_good', [GATED]);
  hub.addToken('hf_nogrant', []);
});

afterAll(async () => {
  await Promise.all([hub.stop(), cdn.stop(), rogue.stop()]);
});

const client = (token: string | null = null) =>
  new HubClient({ endpoint: hub.url, token, retryDelayMs: 5 });

describe('HubClient search and info', () => {
  it('finds GGUF repositories only', async () => {
    const results = await client().search({ query: 'llama' });
    expect(results.map((r) => r.id)).toEqual([REPO]);
    expect(results[0]).toMatchObject({ author: 'NousResearch', downloads: 1000 });
    const request = hub.requests.find((r) => r.route === 'search');
    expect(new URL(request?.url ?? '', hub.url).searchParams.get('filter')).toBe('gguf');
  });

  it('reads model info with siblings, gated flag and card data', async () => {
    const info = await client().modelInfo(REPO);
    expect(info.siblings).toContain('Hermes-3-Llama-3.1-8B.Q8_0.gguf');
    expect(info.cardData).toEqual({ license: 'llama3' });
    expect(info.gated).toBe(false);
    expect((await client().modelInfo(GATED)).gated).toBe('manual');
  });
});

describe('HubClient GGUF listing', () => {
  it('groups split parts, parses quants and keeps sizes and sha256 across tree pages', async () => {
    const models = await client().listGgufModels(REPO);
    expect(models.map((m) => [m.name, m.quant, m.sizeBytes, m.parts.length])).toEqual([
      ['Hermes-3-Llama-3.1-8B.Q4_K_M.gguf', 'Q4_K_M', 4000, 1],
      ['Hermes-3-Llama-3.1-8B.Q8_0.gguf', 'Q8_0', 8000, 1],
      ['Hermes-3-Llama-3.1-8B.F16.gguf', 'F16', 17000, 3],
    ]);
    expect(models[0]?.parts[0]?.sha256).toBe(sha(bytes(4000, 1)));
  });

  it('drops file names that would escape the models folder', async () => {
    const models = await client().listGgufModels(REPO);
    expect(models.some((m) => m.id.includes('..'))).toBe(false);
  });

  it.each(['../evil.gguf', '/etc/passwd', 'a\\b.gguf', 'a\u0000b.gguf', 'C:/x.gguf', 'a//b.gguf'])(
    'refuses to resolve %j',
    async (path) => {
      await expect(client().resolveFile(REPO, path)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    },
  );
});

describe('HubClient resolve and tokens', () => {
  it('resolves an LFS file to the CDN with its sha256 and size', async () => {
    const resolved = await client().resolveFile(REPO, 'Hermes-3-Llama-3.1-8B.Q4_K_M.gguf');
    expect(resolved.url.startsWith(`${cdn.url}/cdn/`)).toBe(true);
    expect(resolved).toMatchObject({ size: 4000, etag: sha(bytes(4000, 1)) });
    expect(resolved.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it("follows a same-origin redirect with the token and keeps the Hub's sha256 as ETag", async () => {
    const single = new HubTestServer();
    await single.start();
    try {
      single.addRepo({
        id: GATED,
        gated: 'auto',
        files: [{ path: 'm.Q4_0.gguf', content: bytes(300, 8) }],
      });
      single.addToken('hf_good');
      const resolved = await new HubClient({ endpoint: single.url, token: 'hf_good' }).resolveFile(
        GATED,
        'm.Q4_0.gguf',
      );
      expect(resolved.url.startsWith(`${single.url}/cdn/`)).toBe(true);
      expect(resolved).toMatchObject({ size: 300, etag: sha(bytes(300, 8)) });
      expect(single.requests.map((r) => [r.route, r.headers.authorization])).toEqual([
        ['resolve', 'Bearer hf_good'],
        ['cdn', 'Bearer hf_good'],
      ]);
    } finally {
      await single.stop();
    }
  });

  it('sends the token to the Hub but never to the CDN or another host', async () => {
    hub.clearRequests();
    cdn.clearRequests();
    rogue.clearRequests();
    const hubClient = client('hf_good');
    await hubClient.resolveFile(GATED, 'm.Q4_0.gguf');
    expect(hub.requests.every((r) => r.headers.authorization === 'Bearer hf_good')).toBe(true);
    expect(cdn.requests).toHaveLength(0);
    expect(hubClient.authHeadersFor(`${cdn.url}/cdn/x`)).toEqual({});
    expect(hubClient.authHeadersFor(`${hub.url.replace('127.0.0.1', 'localhost')}/x`)).toEqual({});
    // An API answer that redirects to another host is followed without the token.
    hub.inject({
      kind: 'status',
      status: 307,
      route: 'info',
      times: 1,
      headers: { Location: `${rogue.url}/api/models/${REPO}` },
    });
    await expect(hubClient.modelInfo(REPO)).rejects.toBeTruthy();
    expect(rogue.requests).toHaveLength(1);
    expect(rogue.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('explains a gated repo without a token, and a token without access', async () => {
    await expect(client().resolveFile(GATED, 'm.Q4_0.gguf')).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('gated repository: it needs a Hugging Face token'),
      details: expect.objectContaining({ reason: 'gated', status: 401 }),
    });
    await expect(client('hf_nogrant').resolveFile(GATED, 'm.Q4_0.gguf')).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('does not have access'),
      details: expect.objectContaining({ reason: 'gated', status: 403 }),
    });
  });

  it('maps missing repos and files to MODEL_NOT_FOUND', async () => {
    await expect(client().modelInfo('nobody/nothing')).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    await expect(client('hf_good').listFiles('nobody/nothing')).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    await expect(client().resolveFile(REPO, 'missing.gguf')).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: expect.stringContaining('missing.gguf'),
    });
  });

  it('retries 5xx answers and reports a dead endpoint as DOWNLOAD_FAILED', async () => {
    const fault = hub.inject({ kind: 'status', status: 503, route: 'info', times: 2 });
    await expect(client().modelInfo(REPO)).resolves.toMatchObject({ id: REPO });
    expect(fault.hits).toBe(2);
    hub.inject({ kind: 'status', status: 500, route: 'info', times: 3 });
    await expect(client().modelInfo(REPO)).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED' });
    const dead = new HubClient({ endpoint: 'http://127.0.0.1:9', retries: 0 });
    await expect(dead.search({ query: 'x' })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      details: expect.objectContaining({ reason: 'network' }),
    });
  });
});
