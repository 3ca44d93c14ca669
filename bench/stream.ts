import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { getLlama, LlamaChat } from 'node-llama-cpp';
import { defaultChatWrapper } from '../electron/backend/engine/hermes/defaultChatWrapper';
import { WebSocket } from 'ws';
import { ensureBenchModel, ensureTinyModel } from '../scripts/testing/testModels';
import { createTalariaClient } from '../shared/contract/client';
import { createWebSocketTransport, type WebSocketLike } from '../shared/rpc/transports';
import { sourceEngineSpawner, startHarness } from '../electron/testing/backendHarness';
import { fmt, median, PROMPTS, type Run } from './stats';

interface Side {
  generate(prompt: string): Promise<Run>;
  close(): Promise<void>;
}

/** Bare node-llama-cpp (LlamaChat) in this process: the ceiling the app can reach. */
async function openBare(modelPath: string, maxTokens: number, threads: number): Promise<Side> {
  const llama = await getLlama({ gpu: 'auto', maxThreads: 0 });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: { max: 8192 }, threads });
  const chat = new LlamaChat({
    contextSequence: context.getSequence(),
    // The app's own wrapper, so both sides evaluate exactly the same prompt tokens.
    chatWrapper: defaultChatWrapper(model),
  });
  return {
    async generate(prompt) {
      const started = performance.now();
      let first = 0;
      let last = 0;
      let tokens = 0;
      await chat.generateResponse(
        [
          { type: 'user', text: prompt },
          { type: 'model', response: [] },
        ],
        {
          temperature: 0,
          maxTokens,
          repeatPenalty: false,
          onToken: (t) => {
            const now = performance.now();
            if (!first) first = now;
            last = now;
            tokens += t.length;
          },
        },
      );
      return {
        ttftMs: first - started,
        tokensPerSecond: tokens > 1 ? ((tokens - 1) * 1000) / (last - first) : 0,
        tokens,
      };
    },
    async close() {
      chat.dispose();
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

/** The real backend + engine process + host, measured by a WebSocket client as the UI sees it. */
async function openHost(modelPath: string, maxTokens: number, threads: number): Promise<Side> {
  const harness = await startHarness('websocket', {
    spawnEngine: sourceEngineSpawner({ TALARIA_THREADS: String(threads) }),
  });
  const host = harness.host!;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
  await new Promise((ok) => socket.once('open', ok));
  const client = createTalariaClient(createWebSocketTransport(socket as unknown as WebSocketLike));
  await client.request('engine.load', { path: modelPath });
  return {
    async generate(prompt) {
      const conversation = await client.request('conversations.create', {});
      await client.request('conversations.update', {
        id: conversation.id,
        sampling: { temperature: 0, maxTokens, repeatPenalty: 1 },
      });
      let first = 0;
      let last = 0;
      let firstTokens = 0;
      let tokens = 0;
      const finished = new Promise<void>((ok) => {
        const offDone = client.on('chat.done', (d) => {
          if (d.conversationId !== conversation.id) return;
          offDone();
          offDelta();
          ok();
        });
        const offDelta = client.on('chat.delta', (d) => {
          if (d.conversationId !== conversation.id) return;
          const now = performance.now();
          if (!first) {
            first = now;
            firstTokens = d.tokens;
          }
          last = now;
          tokens = d.tokens;
        });
      });
      const started = performance.now();
      await client.request('chat.send', { conversationId: conversation.id, content: prompt });
      await finished;
      const span = last - first;
      return {
        ttftMs: first - started,
        tokensPerSecond: span > 0 ? ((tokens - firstTokens) * 1000) / span : 0,
        tokens,
      };
    },
    async close() {
      client.close();
      await harness.close({ removeData: true });
    },
  };
}

function summary(label: string, runs: Run[]): { ttft: number; tps: number } {
  const ttft = median(runs.map((r) => r.ttftMs));
  const tps = median(runs.map((r) => r.tokensPerSecond));
  console.log(
    `${label.padEnd(26)} TTFT median ${fmt(ttft, 1).padStart(8)} ms   ` +
      `${fmt(tps).padStart(8)} tok/s   (${runs.map((r) => `${r.tokens} tok`).join(', ')})`,
  );
  return { ttft, tps };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      shape: { type: 'string', default: '3b' },
      'max-tokens': { type: 'string', default: '64' },
      runs: { type: 'string', default: '4' },
      threads: { type: 'string', default: String(availableParallelism()) },
    },
  });
  const maxTokens = Number(values['max-tokens']);
  const threads = Number(values.threads);
  const count = Math.max(1, Math.min(PROMPTS.length - 1, Number(values.runs)));
  console.log(`Preparing the model (${values.model ?? values.shape})…`);
  const modelPath =
    values.model ?? (values.shape === 'tiny' ? await ensureTinyModel() : await ensureBenchModel());
  const prompts = PROMPTS.slice(0, count + 1);
  console.log(
    `Model ${modelPath}\n${count * 2} measured runs per side, ${maxTokens} tokens, greedy, ${threads} threads on both sides\n`,
  );
  // One side is loaded at a time (an idle llama.cpp in this process would compete for the
  // cores with the engine process), in A-B-A-B phases so drifting machine load hits both alike.
  // Each phase starts with a warm-up generation that is not counted.
  const bareRuns: Run[] = [];
  const hostRuns: Run[] = [];
  for (let phase = 0; phase < 2; phase++) {
    for (const [open, runs] of [
      [openBare, bareRuns],
      [openHost, hostRuns],
    ] as const) {
      const side = await open(modelPath, maxTokens, threads);
      for (const [i, prompt] of prompts.entries()) {
        const run = await side.generate(prompt);
        if (i > 0) runs.push(run);
      }
      await side.close();
    }
  }
  const a = summary('bare node-llama-cpp', bareRuns);
  const b = summary('host over WebSocket', hostRuns);
  console.log(
    `\nthroughput ratio (host / bare): ${fmt(b.tps / a.tps, 3)}   (goal >= 0.98)\n` +
      `TTFT overhead: ${fmt(b.ttft - a.ttft, 1)} ms   (goal <= 15 ms)`,
  );
}
