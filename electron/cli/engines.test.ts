import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLlamaServer,
  type RunningLlamaServer,
} from '../../scripts/testing/llamaServerProcess';
import { ensureTinyModel } from '../../scripts/testing/testModels';

const CLI = resolve(import.meta.dirname, 'index.ts');
const KEY = 'sk-engine-test-0123456789';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Asynchronous on purpose: the llama.cpp server under test runs in this process's event loop.
function talaria(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, TALARIA_DATA_DIR: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** `talaria engines …` as a user runs it, against llama.cpp's own server. */
describe('talaria engines', () => {
  let server: RunningLlamaServer;
  let dir = '';
  let data: string[] = [];

  beforeAll(async () => {
    server = await startLlamaServer({ model: await ensureTinyModel(), apiKey: KEY });
    dir = mkdtempSync(join(tmpdir(), 'talaria-cli-engines-'));
    data = ['--data-dir', join(dir, 'data')];
  }, 40 * 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds an engine with its key from the environment, probes it, lists, tests and removes it', async () => {
    const env = { BOX_KEY: KEY };
    const added = await talaria(
      env,
      'engines',
      'add',
      'box',
      '--url',
      `${server.baseUrl}/v1`,
      '--api-key-env',
      'BOX_KEY',
      ...data,
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`box\t${server.baseUrl}\tkey from $BOX_KEY`);
    expect(added.stdout).toMatch(/raw prompt ✓ · grammar ✓ \(llama\.cpp\) · tokenizer ✓/);

    const listed = JSON.parse(
      (await talaria(env, 'engines', 'list', '--json', ...data)).stdout,
    ) as {
      name: string;
      capabilities: { kind: string; models: string[] };
    }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: 'box', capabilities: { kind: 'llama.cpp' } });
    expect(listed[0]?.capabilities.models).toHaveLength(1);

    const wrongKey = await talaria({ BOX_KEY: 'nope' }, 'engines', 'test', 'box', ...data);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('box refused the API key (HTTP 401)');

    const noKey = await talaria({}, 'engines', 'test', 'box', ...data);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('box takes its API key from $BOX_KEY, which is not set.');

    const removed = await talaria(env, 'engines', 'rm', 'box', ...data);
    expect(removed.code).toBe(0);
    expect((await talaria(env, 'engines', 'list', ...data)).stdout).toContain('No engines.');
  }, 60_000);

  it('refuses to store a key outside the desktop app and says what to do instead', async () => {
    const run = await talaria(
      {},
      'engines',
      'add',
      'hosted',
      '--url',
      server.baseUrl,
      '--api-key',
      KEY,
      ...data,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pass --api-key-env VAR instead');
    expect((await talaria({}, 'engines', 'list', ...data)).stdout).not.toContain('hosted');
  }, 30_000);

  it('adds an engine that is down, with the reason, and `test` fails until it answers', async () => {
    const added = await talaria(
      {},
      'engines',
      'add',
      'later',
      '--url',
      'http://127.0.0.1:1',
      ...data,
    );
    expect(added.code).toBe(0);
    expect(added.stderr).toMatch(/Added later, but: later \(http:\/\/127\.0\.0\.1:1\) .*/);
    const tested = await talaria({}, 'engines', 'test', 'later', ...data);
    expect(tested.code).toBe(1);
    const unknown = await talaria({}, 'engines', 'test', 'nobody', ...data);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No engine named nobody.');
  }, 30_000);
});
