import { utilityProcess } from 'electron';
import type { EngineProcessHandle, SpawnEngine } from '../backend/engine/EngineHost';
import { createPortTransport } from '../../shared/rpc/transports';

/** Starts the engine as an Electron utility process, so a llama.cpp abort cannot take the app down. */
export function createUtilityEngineSpawner(entry: string): SpawnEngine {
  return (): EngineProcessHandle => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: 'Talaria engine',
      stdio: 'inherit',
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const transport = createPortTransport({
      post: (value) => {
        if (exited) throw new Error('engine process has exited');
        child.postMessage(value);
      },
      subscribe: (listener) => {
        child.on('message', listener);
        return () => child.off('message', listener);
      },
      subscribeClose: (listener) => {
        child.on('exit', listener);
        return () => child.off('exit', listener);
      },
    });
    return {
      transport,
      pid: child.pid,
      onExit: (listener) => child.on('exit', (code) => listener({ code, signal: null })),
      kill: () => {
        if (!exited) child.kill();
      },
    };
  };
}
