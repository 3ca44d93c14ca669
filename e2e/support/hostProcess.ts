import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export interface RunningHost {
  /** The sign-in link (its one-time ticket becomes the page's session cookie). */
  url: string;
  /** The host secret, for API clients (`Authorization: Bearer`). */
  token: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<number | null>;
  /** SIGKILL (a crash or power cut as far as the app can tell) and wait for the exit. */
  kill(): Promise<void>;
}

const CLI = resolve(import.meta.dirname, '../../out/main/cli.js');

/** Starts the real built host (`talaria serve`) and waits for the URL it prints. */
export async function startHost(args: {
  dataDir: string;
  model?: string;
  waitForModel?: boolean;
  /** Extra environment, e.g. HF_ENDPOINT pointing at a HubTestServer. */
  env?: NodeJS.ProcessEnv;
}): Promise<RunningHost> {
  const argv = [CLI, 'serve', '--port', '0', '--data-dir', args.dataDir];
  if (args.model) argv.push('--model', args.model);
  const token = args.env?.TALARIA_TOKEN ?? randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...args.env, TALARIA_TOKEN: token },
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not start:\n${log}`)), 30_000);
    const check = (): void => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(log);
      const ready =
        !args.model || args.waitForModel === false || /Model loaded|Could not load/.test(log);
      if (match?.[1] && ready) {
        clearTimeout(timer);
        ok(match[1]);
      }
    };
    child.stdout.on('data', check);
    // "Could not load …" is written to stderr.
    child.stderr.on('data', check);
    child.once('exit', (code) => fail(new Error(`host exited with ${code}:\n${log}`)));
  });
  return {
    url,
    token,
    process: child,
    output: () => log,
    kill: () =>
      new Promise((ok) => {
        if (child.exitCode !== null || child.signalCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGKILL');
      }),
    stop: () =>
      new Promise((ok) => {
        if (child.exitCode !== null) return ok(child.exitCode);
        child.once('exit', (code) => ok(code));
        child.kill('SIGTERM');
      }),
  };
}
