/**
 * Entry of the engine child process (child_process.fork under Node, utilityProcess under
 * Electron). It owns node-llama-cpp so that a llama.cpp abort on a malformed model kills only
 * this process, never the app.
 */
import { RpcServer } from '../../../shared/rpc/RpcServer';
import { createPortTransport, type PortHooks } from '../../../shared/rpc/transports';
import { EngineRuntime } from './EngineRuntime';
import { engineProtocol, type EngineEvents, type EngineMethods } from './engineProtocol';

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  off(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentHooks(): PortHooks {
  // Electron's utilityProcess gives the child `process.parentPort`; fork gives `process.send`.
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      post: (value) => parentPort.postMessage(value),
      subscribe: (listener) => {
        const onMessage = (event: { data: unknown }): void => listener(event.data);
        parentPort.on('message', onMessage);
        return () => parentPort.off('message', onMessage);
      },
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('engineProcess must be started by the Talaria backend');
  return {
    post: (value) => send(value),
    subscribe: (listener) => {
      process.on('message', listener);
      return () => process.off('message', listener);
    },
    subscribeClose: (listener) => {
      process.on('disconnect', listener);
      return () => process.off('disconnect', listener);
    },
  };
}

function main(): void {
  const threads = Number(process.env.TALARIA_THREADS);
  const runtime = new EngineRuntime({
    gpu: process.env.TALARIA_GPU === 'off' ? false : 'auto',
    // Default: the machine's core count (see EngineRuntime). Tests that run engines side by side
    // on a small machine set 1, because oversubscribed llama.cpp threads spin against each other.
    ...(Number.isInteger(threads) && threads > 0 && { threads }),
    preflight: process.env.TALARIA_ENGINE_PREFLIGHT !== 'off',
  });
  let server: RpcServer<EngineMethods, EngineEvents> | null = null;
  server = new RpcServer<EngineMethods, EngineEvents>({
    schemas: engineProtocol,
    handlers: {
      status: async () => {
        await runtime.init();
        return runtime.getStatus();
      },
      load: async (options) => {
        await runtime.init();
        return runtime.loadModel(options);
      },
      unload: async () => {
        await runtime.unloadModel();
        return { ok: true };
      },
      generate: async ({ requestId, messages, sampling, tools, jsonSchema, lane }, ctx) => {
        await runtime.init();
        return runtime.generate(
          { messages, sampling, tools, jsonSchema, lane },
          {
            signal: ctx.signal,
            onText: (text, tokens) => server?.emit('text', { requestId, text, tokens }),
          },
        );
      },
      complete: async ({ requestId, prompt, sampling, lane }, ctx) => {
        await runtime.init();
        return runtime.complete(
          { prompt, sampling, lane },
          {
            signal: ctx.signal,
            onText: (text, tokens) => server?.emit('text', { requestId, text, tokens }),
          },
        );
      },
      countTokens: async ({ text }) => runtime.countTokens(text),
      hardware: async () => runtime.hardware(),
      assemblePrompt: async (params) => runtime.assemblePrompt(params),
    },
  });
  const transport = createPortTransport(parentHooks());
  transport.onClose(() => {
    void runtime.dispose().finally(() => process.exit(0));
  });
  server.attach(transport);
}

main();
