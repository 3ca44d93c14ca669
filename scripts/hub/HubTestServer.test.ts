import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubTestServer, type GeneratedContent } from './HubTestServer';

const REPO = 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF';
const small = Buffer.from('GGUF'.repeat(5000));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** 3 GiB whose byte at offset o is (o * 7) & 0xff: served by ranges without being allocated. */
const huge: GeneratedContent = {
  size: 3 * 1024 ** 3,
  read: (offset, length) => {
    const out = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) out[i] = ((offset + i) * 7) & 0xff;
    return out;
  },
  sha256: 'f'.repeat(64),
};

let hub: HubTestServer;
let cdn: HubTestServer;

beforeAll(async () => {
  cdn = new HubTestServer();
  await cdn.start();
  hub = new HubTestServer({ cdn, treePageSize: 3 });
  await hub.start();
  hub.addRepo({
    id: REPO,
    downloads: 500,
    cardData: { license: 'llama3.2' },
    files: [
      { path: 'README.md', content: Buffer.from('# Hermes 3\n') },
      { path: 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf', content: small },
      { path: 'Hermes-3-Llama-3.2-3B.F16.gguf', content: huge },
      { path: 'split/big-00001-of-00002.gguf', content: small },
      { path: 'split/big-00002-of-00002.gguf', content: small },
    ],
  });
  hub.addRepo({
    id: 'meta-llama/Llama-3.2-3B',
    files: [{ path: 'config.json', content: Buffer.from('{}') }],
  });
  hub.addRepo({
    id: 'NousResearch/Gated-GGUF',
    gated: 'manual',
    files: [{ path: 'm.gguf', content: small }],
  });
  hub.addToken('hf_granted', ['NousResearch/Gated-GGUF']);
  hub.addToken('hf_other', []);
});

afterAll(async () => {
  await hub.stop();
  await cdn.stop();
});

/** The loose shape of the Hub's JSON answers, enough for these assertions. */
interface HubJson {
  id: string;
  path: string;
  type: string;
  rfilename: string;
  error: string;
  gated: unknown;
  sha: string;
  tags: string[];
  lfs?: { oid: string; size: number; pointerSize: number };
  siblings: HubJson[];
  [key: string]: unknown;
}

async function json(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${hub.url}${path}`, { headers });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as HubJson & HubJson[],
  };
}

function get(url: string, headers: Record<string, string> = {}) {
  return fetch(url, { headers, redirect: 'manual' });
}

describe('HubTestServer API routes', () => {
  it('searches GGUF repos like /api/models', async () => {
    const { body } = await json('/api/models?search=nous&filter=gguf&limit=10&sort=downloads');
    expect(body.map((m) => m.id)).toEqual([REPO, 'NousResearch/Gated-GGUF']);
    expect(body[0]).toMatchObject({ id: REPO, downloads: 500, private: false });
    expect(body[0]?.tags).toContain('gguf');
    const none = await json('/api/models?search=llama&filter=gguf&author=meta-llama');
    expect(none.body).toEqual([]);
  });

  it('answers model info with siblings, gated and cardData', async () => {
    const { body } = await json(`/api/models/${REPO}?blobs=true`);
    expect(body).toMatchObject({ id: REPO, gated: false, cardData: { license: 'llama3.2' } });
    expect(body.sha).toMatch(/^[0-9a-f]{40}$/);
    const q4 = body.siblings.find((s) => s.rfilename.endsWith('Q4_K_M.gguf'));
    expect(q4?.lfs).toMatchObject({ sha256: sha(small), size: small.length });
    expect((await json('/api/models/NousResearch/Gated-GGUF')).body.gated).toBe('manual');
  });

  it('lists the tree with LFS oids and pages with Link headers', async () => {
    const first = await json(`/api/models/${REPO}/tree/main?recursive=true`);
    expect(first.body).toHaveLength(3);
    const all: HubJson[] = [...first.body];
    let link = first.headers.get('link');
    while (link) {
      const res = await fetch(/<([^>]+)>; rel="next"/.exec(link)?.[1] ?? '');
      all.push(...((await res.json()) as HubJson[]));
      link = res.headers.get('link');
    }
    expect(all).toHaveLength(6);
    const q4 = all.find((e) => e.path === 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf');
    expect(q4).toMatchObject({
      type: 'file',
      size: small.length,
      lfs: { oid: sha(small), size: small.length },
    });
    expect(q4?.lfs?.pointerSize).toBeGreaterThan(100);
    expect(all.find((e) => e.path === 'split')).toMatchObject({ type: 'directory' });
    expect(all.find((e) => e.path === 'README.md')?.lfs).toBeUndefined();
    const top = await json(`/api/models/${REPO}/tree/main`);
    expect(top.body.map((e) => e.path)).not.toContain('split/big-00001-of-00002.gguf');
  });

  it('answers 401/404 like the Hub for unknown repos', async () => {
    const anon = await json('/api/models/nobody/nothing');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('x-error-code')).toBe('RepoNotFound');
    const authed = await json('/api/models/nobody/nothing', { Authorization: 'Bearer hf_other' });
    expect(authed.status).toBe(404);
    expect(anon.body.error).toContain('Repository Not Found');
  });
});

describe('HubTestServer resolve and CDN', () => {
  it('redirects LFS files to the CDN with the linked ETag and size', async () => {
    const res = await fetch(`${hub.url}/${REPO}/resolve/main/Hermes-3-Llama-3.2-3B.Q4_K_M.gguf`, {
      method: 'HEAD',
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('x-linked-etag')).toBe(`"${sha(small)}"`);
    expect(res.headers.get('x-linked-size')).toBe(String(small.length));
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(res.headers.get('x-repo-commit')).toMatch(/^[0-9a-f]{40}$/);
    expect(res.headers.get('location')?.startsWith(`${cdn.url}/cdn/`)).toBe(true);
  });

  it('serves ranges with exact Content-Range, 206 and 416', async () => {
    const head = await get(`${hub.url}/${REPO}/resolve/main/Hermes-3-Llama-3.2-3B.Q4_K_M.gguf`);
    const location = head.headers.get('location') ?? '';
    const full = await get(location);
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer()).equals(small)).toBe(true);
    const part = await get(location, { Range: 'bytes=4-11' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-11/${small.length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('GGUFGGUF');
    const tail = await get(location, { Range: `bytes=${small.length - 2}-` });
    expect(tail.headers.get('content-range')).toBe(
      `bytes ${small.length - 2}-${small.length - 1}/${small.length}`,
    );
    const bad = await get(location, { Range: `bytes=${small.length}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${small.length}`);
  });

  it('serves a 3 GiB generated file by range without holding it', async () => {
    const res = await get(`${hub.url}/${REPO}/resolve/main/Hermes-3-Llama-3.2-3B.F16.gguf`);
    expect(res.headers.get('x-linked-size')).toBe(String(huge.size));
    const start = huge.size - 4;
    const part = await get(res.headers.get('location') ?? '', { Range: `bytes=${start}-` });
    expect([...Buffer.from(await part.arrayBuffer())]).toEqual(
      [0, 1, 2, 3].map((i) => ((start + i) * 7) & 0xff),
    );
  });

  it('serves small non-LFS files directly', async () => {
    const res = await get(`${hub.url}/${REPO}/resolve/main/README.md`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('# Hermes 3\n');
  });

  it('gates files: 401 without a token, 403 without access, redirect with access', async () => {
    const url = `${hub.url}/NousResearch/Gated-GGUF/resolve/main/m.gguf`;
    const anon = await get(url);
    expect([anon.status, anon.headers.get('x-error-code')]).toEqual([401, 'GatedRepo']);
    const other = await get(url, { Authorization: 'Bearer hf_other' });
    expect([other.status, other.headers.get('x-error-code')]).toEqual([403, 'GatedRepo']);
    const granted = await get(url, { Authorization: 'Bearer hf_granted' });
    expect(granted.status).toBe(302);
    const invalid = await get(url, { Authorization: 'Bearer nope' });
    expect(invalid.status).toBe(401);
  });

  it('records every request with its headers on the server that got it', async () => {
    hub.clearRequests();
    cdn.clearRequests();
    const res = await get(`${hub.url}/${REPO}/resolve/main/Hermes-3-Llama-3.2-3B.Q4_K_M.gguf`, {
      Authorization: 'Bearer hf_other',
    });
    await get(res.headers.get('location') ?? '');
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]?.headers.authorization).toBe('Bearer hf_other');
    expect(cdn.requests.map((r) => [r.route, r.headers.authorization])).toEqual([
      ['cdn', undefined],
    ]);
  });
});

describe('HubTestServer faults', () => {
  const file = 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf';
  const cdnUrl = async () =>
    (await get(`${hub.url}/${REPO}/resolve/main/${file}`)).headers.get('location') ?? '';

  it('answers an injected 5xx for the next N requests only', async () => {
    const fault = hub.inject({ kind: 'status', status: 503, route: 'info', times: 2 });
    expect((await json(`/api/models/${REPO}`)).status).toBe(503);
    expect((await json(`/api/models/${REPO}`)).status).toBe(503);
    expect((await json(`/api/models/${REPO}`)).status).toBe(200);
    expect(fault.hits).toBe(2);
  });

  it('drops the connection after K bytes', async () => {
    const url = await cdnUrl();
    cdn.inject({ kind: 'drop', afterBytes: 1000, file, times: 1 });
    await expect(get(url).then((r) => r.arrayBuffer())).rejects.toThrow();
    expect((await (await get(url)).arrayBuffer()).byteLength).toBe(small.length);
  });

  it('stalls mid-body and keeps the socket open', async () => {
    const url = new URL(await cdnUrl());
    cdn.inject({ kind: 'stall', afterBytes: 100, file, times: 1 });
    const received = await new Promise<number>((resolve) => {
      const req = request(url, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        setTimeout(() => {
          resolve(n);
          req.destroy();
        }, 300);
      });
      req.end();
    });
    expect(received).toBe(100);
  });

  it('flips the byte at an offset', async () => {
    const url = await cdnUrl();
    cdn.inject({ kind: 'corrupt', offset: 10, file, times: 1 });
    const body = Buffer.from(await (await get(url)).arrayBuffer());
    expect(body[10]).toBe((small[10] ?? 0) ^ 0xff);
    expect(body.subarray(11).equals(small.subarray(11))).toBe(true);
  });

  it('throttles bodies to a byte rate', async () => {
    const url = await cdnUrl();
    const fault = cdn.inject({ kind: 'throttle', bytesPerSecond: 100_000, file });
    const started = Date.now();
    await (await get(url)).arrayBuffer();
    fault.remove();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
