import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeTestModel } from '../../../scripts/gguf/writeTestModel';
import type { HubTestServer } from '../../../scripts/hub/HubTestServer';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import {
  listTree,
  removeDir,
  sha256File,
  startHubPair,
  tempDir,
} from '../../backend/models/testSupport';

const CLI = resolve(import.meta.dirname, '..', 'index.ts');
const REPO = 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF';
const Q4 = 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf';
const Q8 = 'Hermes-3-Llama-3.2-3B.Q8_0.gguf';
const BAD = 'NousResearch/Corrupt-GGUF';
const GATED = 'NousResearch/Gated-GGUF';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let hub: HubTestServer;
let cdn: HubTestServer;
let stopServers: () => Promise<void>;
let work: string;
let dataDir: string;

function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onStdout?: (all: string, kill: () => void) => void } = {},
): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'models', ...args, '--data-dir', dataDir],
    {
      env: {
        ...process.env,
        HF_ENDPOINT: hub.url,
        HF_TOKEN: '',
        TALARIA_GPU: 'off',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    options.onStdout?.(stdout, () => child.kill('SIGINT'));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((ok) => child.on('exit', (code) => ok({ code, stdout, stderr })));
}

async function ggufsIn(dir: string): Promise<string[]> {
  return (await listTree(dir)).filter((p) => p.endsWith('.gguf'));
}

beforeAll(async () => {
  work = await tempDir('cli');
  ({ hub, cdn, stop: stopServers } = await startHubPair());
  const tiny = await readFile(await ensureTinyModel());
  const q8 = await readFile(await writeTestModel({ out: join(work, 'q8.gguf'), quant: 'q8_0' }));
  hub.addRepo({
    id: REPO,
    files: [
      { path: Q4, content: tiny },
      { path: Q8, content: q8 },
    ],
  });
  hub.addRepo({ id: BAD, files: [{ path: 'bad.Q4_K_M.gguf', content: tiny }] });
  hub.addRepo({ id: GATED, gated: 'manual', files: [{ path: 'g.Q4_K_M.gguf', content: tiny }] });
  hub.addToken('hf_cli_secret', [GATED]);
  cdn.inject({ kind: 'corrupt', offset: 4096, repo: BAD });
});

afterAll(async () => {
  await stopServers();
  await removeDir(work);
});

beforeEach(async () => {
  dataDir = await tempDir('cli-data');
  hub.clearRequests();
  cdn.clearRequests();
});

describe('talaria models', () => {
  it('searches the Hub that HF_ENDPOINT names', async () => {
    const run = await runCli(['search', 'hermes-3']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(REPO);
    expect(hub.requests.some((r) => r.route === 'search')).toBe(true);
  });

  it('lists a repo’s files with fit badges and the recommended quant', async () => {
    const run = await runCli(['files', REPO, '--ctx', '2048']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\* Hermes-3-Llama-3\.2-3B\.Q\d_\w+\.gguf/);
    expect(run.stdout).toMatch(/Q4_K_M .*CPU only/);
    expect(run.stdout).toContain('Fit at 2,048 tokens of context');
    expect(run.stdout).toContain('Recommended:');
  });

  it('downloads a verified model into the library and lists it; exit 0', async () => {
    const run = await runCli(['download', REPO, '--quant', 'Q4_K_M']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/downloading .*%/);
    expect(run.stdout).toContain('Verified (sha256) and saved');
    const path = join(dataDir, 'models', 'NousResearch', 'Hermes-3-Llama-3.2-3B-GGUF', Q4);
    expect(await sha256File(path)).toBe(hub.sha256Of(REPO, Q4));

    const list = await runCli(['list', '--json']);
    expect(list.code).toBe(0);
    const models = JSON.parse(list.stdout) as { id: string; metadata: { hermesVersion: string } }[];
    expect(models.map((m) => m.id)).toEqual([`${REPO}/${Q4}`]);
    expect(models[0]?.metadata.hermesVersion).toBe('3');

    const again = await runCli(['download', REPO, Q4]);
    expect(again).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Already in the library'),
    });

    const rm = await runCli(['rm', Q4]);
    expect(rm.code).toBe(0);
    expect(await ggufsIn(join(dataDir, 'models'))).toEqual([]);
  });

  it('exits non-zero with the reason when the bytes are corrupt, and keeps nothing', async () => {
    const run = await runCli(['download', BAD, '--quant', 'Q4_K_M']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Download failed: bad\.Q4_K_M\.gguf is corrupt/);
    expect(await ggufsIn(join(dataDir, 'models'))).toEqual([]);
  });

  it('pauses on Ctrl+C and the same command resumes from where it stopped', async () => {
    const throttle = cdn.inject({ kind: 'throttle', bytesPerSecond: 120_000, repo: REPO });
    let sent = false;
    const first = await runCli(['download', REPO, '--quant', 'Q4_K_M'], {
      onStdout: (all, interrupt) => {
        if (!sent && /downloading .*[1-9]\d*%/.test(all)) {
          sent = true;
          interrupt();
        }
      },
    });
    throttle.remove();
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/Paused at \d+%\. Run the same command again/);
    expect(existsSync(join(dataDir, 'models', REPO.split('/')[0] ?? '', 'x'))).toBe(false);
    expect(await ggufsIn(join(dataDir, 'models'))).toEqual([]);

    cdn.clearRequests();
    const second = await runCli(['download', REPO, '--quant', 'Q4_K_M']);
    expect(second.code).toBe(0);
    const ranges = cdn.requests.filter((r) => r.method === 'GET').map((r) => r.headers.range);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((r) => r !== undefined && !r.startsWith('bytes=0-'))).toBe(true);
    const path = join(dataDir, 'models', 'NousResearch', 'Hermes-3-Llama-3.2-3B-GGUF', Q4);
    expect(await sha256File(path)).toBe(hub.sha256Of(REPO, Q4));
  });

  it('needs HF_TOKEN for a gated repo, and sends it to the Hub only, never the CDN', async () => {
    const denied = await runCli(['download', GATED, '--quant', 'Q4_K_M']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/gated repository/);
    const ok = await runCli(['download', GATED, '--quant', 'Q4_K_M'], {
      env: { HF_TOKEN: 'hf_cli_secret' },
    });
    expect(ok.code).toBe(0);
    expect(hub.requests.some((r) => r.headers.authorization === 'Bearer hf_cli_secret')).toBe(true);
    expect(cdn.requests.length).toBeGreaterThan(0);
    expect(cdn.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('answers bad usage with exit 2 and an unknown model with exit 1', async () => {
    expect((await runCli(['download'])).code).toBe(2);
    expect((await runCli(['download', REPO, Q4, '--quant', 'Q8_0'])).code).toBe(2);
    const rm = await runCli(['rm', 'nope.gguf']);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toContain('No model "nope.gguf" in the library');
    const traversal = await runCli(['download', REPO, '../evil.gguf']);
    expect(traversal.code).toBe(1);
    expect(traversal.stderr).toContain('Refusing the file name');
  });
});
