import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { createTalariaClient, type TalariaClient } from '../../shared/contract/client';
import type { TalariaEvents } from '../../shared/contract';
import {
  createMemoryTransportPair,
  createWebSocketTransport,
  type WebSocketLike,
} from '../../shared/rpc/transports';
import { createBackend, type Backend, type BackendOptions } from '../backend/createBackend';
import { createNodeEngineSpawner } from '../backend/engine/spawnNodeEngine';
import { createHost, type Host } from '../host/createHost';

export type TransportKind = 'memory' | 'websocket';

const repo = resolve(import.meta.dirname, '..', '..');

/**
 * The engine child entry run from source through tsx. Tests run engines side by side on a
 * 2-core machine, so they default to one llama.cpp thread each (TALARIA_THREADS).
 */
export const sourceEngineSpawner = (env: NodeJS.ProcessEnv = {}) =>
  createNodeEngineSpawner({
    entry: join(repo, 'electron/backend/engine/engineProcess.ts'),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TALARIA_THREADS: '1', ...env },
  });

export interface Harness {
  backend: Backend;
  client: TalariaClient;
  dataDir: string;
  host: Host | null;
  /** Opens another client on the same backend over the same kind of transport. */
  connect(): Promise<TalariaClient>;
  /** Disposes everything; keeps the data dir unless `removeData`. */
  close(options?: { removeData?: boolean }): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<BackendOptions, 'dataDir'>> {
  dataDir?: string;
}

/** A real backend (real store, real engine process) reached over a real transport. */
export async function startHarness(
  kind: TransportKind,
  options: HarnessOptions = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'talaria-test-'));
  const backend = createBackend({
    shell: 'host',
    version: 'test',
    spawnEngine: sourceEngineSpawner(),
    ...options,
    dataDir,
  });
  let host: Host | null = null;
  if (kind === 'websocket') {
    const rendererDir = mkdtempSync(join(tmpdir(), 'talaria-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Talaria</title>');
    host = await createHost({ backend, rendererDir });
  }
  const clients: TalariaClient[] = [];
  const connect = async (): Promise<TalariaClient> => {
    let client: TalariaClient;
    if (host) {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
      await new Promise<void>((ok, fail) => {
        socket.once('open', () => ok());
        socket.once('error', fail);
      });
      client = createTalariaClient(createWebSocketTransport(socket as unknown as WebSocketLike));
    } else {
      const [serverSide, clientSide] = createMemoryTransportPair();
      backend.server.attach(serverSide);
      client = createTalariaClient(clientSide);
    }
    clients.push(client);
    return client;
  };
  const client = await connect();
  return {
    backend,
    client,
    dataDir,
    host,
    connect,
    async close({ removeData = false } = {}) {
      for (const c of clients) c.close();
      await host?.close();
      await backend.dispose();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first event of that name matching the predicate. */
export function nextEvent<K extends keyof TalariaEvents>(
  client: TalariaClient,
  name: K,
  predicate: (data: TalariaEvents[K]) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<TalariaEvents[K]> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${name}`));
    }, timeoutMs);
    const off = client.on(name, (data) => {
      if (!predicate(data)) return;
      clearTimeout(timer);
      off();
      resolvePromise(data);
    });
  });
}
