import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { ensureLlamaServer } from '../llamaServer/ensureLlamaServer';

export interface LlamaServerOptions {
  model: string;
  /** Bearer key the server requires (none by default). */
  apiKey?: string;
  /** Parallel slots (`--parallel`). */
  parallel?: number;
  /** Context size (`--ctx-size`); default 4096. */
  contextSize?: number;
  threads?: number;
  extraArgs?: string[];
}

/** A running llama.cpp `llama-server` on 127.0.0.1. */
export interface RunningLlamaServer {
  baseUrl: string;
  port: number;
  process: ChildProcess;
  /** Output so far, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Starts the real llama-server (built from node-llama-cpp's llama.cpp source, cached; the first
 * call on a new machine builds it) and resolves once /health answers 200.
 */
export async function startLlamaServer(options: LlamaServerOptions): Promise<RunningLlamaServer> {
  const { server } = ensureLlamaServer((line) => process.stderr.write(`${line}\n`));
  const port = await freePort();
  const args = [
    '--model',
    options.model,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--threads',
    String(options.threads ?? availableParallelism()),
    '--ctx-size',
    String(options.contextSize ?? 4096),
    '--parallel',
    String(options.parallel ?? 1),
    '--no-webui',
    ...(options.apiKey ? ['--api-key', options.apiKey] : []),
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`llama-server exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`llama-server did not become healthy in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    port,
    process: child,
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
