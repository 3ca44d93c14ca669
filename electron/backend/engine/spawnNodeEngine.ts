import { fork } from 'node:child_process';
import { createPortTransport } from '../../../shared/rpc/transports';
import type { EngineProcessHandle, SpawnEngine } from './EngineHost';

export interface NodeEngineOptions {
  /** The engine entry: the built `engine.js`, or `engineProcess.ts` with a TS loader. */
  entry: string;
  /** e.g. ['--import', 'tsx'] when the entry is TypeScript. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Starts the engine with child_process.fork (the headless host and tests). */
export function createNodeEngineSpawner(options: NodeEngineOptions): SpawnEngine {
  return (): EngineProcessHandle => {
    const child = fork(options.entry, [], {
      execArgv: options.execArgv ?? [],
      env: options.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    const transport = createPortTransport({
      post: (value) => {
        if (child.connected) child.send(value as object);
        else throw new Error('engine process is not connected');
      },
      subscribe: (listener) => {
        child.on('message', listener);
        return () => child.off('message', listener);
      },
      subscribeClose: (listener) => {
        child.on('exit', listener);
        return () => child.off('exit', listener);
      },
      close: () => {
        if (child.connected) child.disconnect();
      },
    });
    return {
      transport,
      pid: child.pid,
      onExit: (listener) => child.on('exit', (code, signal) => listener({ code, signal })),
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      },
    };
  };
}
