import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createParser } from 'eventsource-parser';
import { probeEngine } from '../electron/backend/engines/probeEngine';
import { RemoteHttp } from '../electron/backend/engines/RemoteHttp';
import { runRemoteHermesGeneration } from '../electron/backend/engines/remoteHermesGeneration';
import { startLlamaServer } from '../scripts/testing/llamaServerProcess';
import { ensureBenchModel, ensureTinyModel } from '../scripts/testing/testModels';
import { renderHermesPrompt } from '../shared/hermes';
import { fmt, median, PROMPTS, type Run } from './stats';

/** A bare streaming client of llama-server: fetch + an SSE parser, nothing else. */
async function direct(baseUrl: string, model: string, prompt: string, maxTokens: number) {
  const started = performance.now();
  let first = 0;
  let last = 0;
  let tokens = 0;
  const res = await fetch(`${baseUrl}/v1/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model,
      prompt,
      stream: true,
      max_tokens: maxTokens,
      temperature: 0,
      cache_prompt: true,
    }),
  });
  const parser = createParser({
    onEvent: (event) => {
      if (event.data === '[DONE]') return;
      const text = (JSON.parse(event.data) as { choices?: { text?: string }[] }).choices?.[0]?.text;
      if (!text) return;
      const now = performance.now();
      if (!first) first = now;
      last = now;
      tokens++;
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(chunk, { stream: true }));
  }
  return result(started, first, last, tokens);
}

function result(started: number, first: number, last: number, tokens: number): Run {
  return {
    ttftMs: first - started,
    tokensPerSecond: tokens > 1 && last > first ? ((tokens - 1) * 1000) / (last - first) : NaN,
    tokens,
  };
}

/**
 * `npm run bench -- remote [--tiny] [--rounds N] [--max-tokens N]`: tokens/s and TTFT seen
 * through Talaria's remote engine vs. a bare streaming client of the same llama-server, in the
 * same run, alternating so both sides see the same machine state.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      tiny: { type: 'boolean' },
      rounds: { type: 'string', default: '5' },
      'max-tokens': { type: 'string', default: '128' },
    },
  });
  const rounds = Number(values.rounds);
  const maxTokens = Number(values['max-tokens']);
  const modelPath = values.tiny ? await ensureTinyModel() : await ensureBenchModel();
  const threads = availableParallelism();
  const server = await startLlamaServer({ model: modelPath, threads, contextSize: 4096 });
  try {
    const http = new RemoteHttp({ name: 'bench', baseUrl: server.baseUrl });
    const caps = await probeEngine(http);
    const model = caps.models[0] ?? '';
    const talaria = async (prompt: string): Promise<Run> => {
      const out = await runRemoteHermesGeneration(
        {
          http,
          dialect: caps.constraint,
          model,
          prompt,
          sampling: {
            temperature: 0,
            topP: 1,
            topK: 0,
            minP: 0,
            repeatPenalty: 1,
            seed: null,
            maxTokens,
          },
          onText: () => undefined,
        },
        {},
      );
      return {
        ttftMs: out.stats.ttftMs ?? NaN,
        tokensPerSecond: out.stats.tokensPerSecond ?? NaN,
        tokens: out.stats.completionTokens,
      };
    };
    const sides = { direct: [] as Run[], talaria: [] as Run[] };
    // Warm-up: load weights into the page cache and fill the server's prompt cache once.
    const warm = renderHermesPrompt([{ role: 'user', content: 'Hello' }]);
    await direct(server.baseUrl, model, warm, 8);
    for (let round = 0; round < rounds; round++) {
      for (const text of PROMPTS) {
        const prompt = renderHermesPrompt([{ role: 'user', content: `${text} (${round})` }]);
        const order =
          round % 2 === 0 ? (['direct', 'talaria'] as const) : (['talaria', 'direct'] as const);
        for (const side of order) {
          // A fresh prompt per side, so neither gets the other's prompt cache.
          const own = prompt.replace('(', side === 'direct' ? '(d' : '(t');
          sides[side].push(
            side === 'direct'
              ? await direct(server.baseUrl, model, own, maxTokens)
              : await talaria(own),
          );
        }
      }
    }
    const tps = (runs: Run[]) => median(runs.map((r) => r.tokensPerSecond));
    const ttft = (runs: Run[]) => median(runs.map((r) => r.ttftMs));
    console.log(
      `llama-server on ${values.tiny ? 'the tiny model' : 'the 3B-shaped Q4_0 model'}, ${threads} threads, ${rounds * PROMPTS.length} replies per side, ${maxTokens} tokens max`,
    );
    console.log(
      `direct streaming client : ${fmt(tps(sides.direct))} tok/s, TTFT ${fmt(ttft(sides.direct), 1)} ms`,
    );
    console.log(
      `through Talaria         : ${fmt(tps(sides.talaria))} tok/s, TTFT ${fmt(ttft(sides.talaria), 1)} ms`,
    );
    console.log(`ratio (Talaria / direct): ${fmt(tps(sides.talaria) / tps(sides.direct), 3)}`);
    console.log(`TTFT overhead           : ${fmt(ttft(sides.talaria) - ttft(sides.direct), 1)} ms`);
  } finally {
    await server.stop();
  }
}
