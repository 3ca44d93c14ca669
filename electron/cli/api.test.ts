import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { tool as langchainTool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, Output, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureTinyModel } from '../../scripts/testing/testModels';

const CLI = resolve(import.meta.dirname, 'index.ts');
const MODEL_ID = 'talaria-test/tiny-hermes-GGUF/tiny-hermes.gguf';

let dir = '';
let child: ChildProcess | null = null;
let baseURL = '';

/** `talaria api` as a user starts it: a real process, its own engine, a real data folder. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talaria-api-cli-'));
  const models = join(dir, 'models', 'talaria-test', 'tiny-hermes-GGUF');
  mkdirSync(models, { recursive: true });
  copyFileSync(await ensureTinyModel(), join(models, 'tiny-hermes.gguf'));
  child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'api', '--port', '0', '--data-dir', dir, '--model', MODEL_ID],
    { env: { ...process.env, TALARIA_THREADS: '1', TALARIA_API_KEY: '' }, stdio: 'pipe' },
  );
  baseURL = await new Promise<string>((ok, fail) => {
    let out = '';
    let err = '';
    child?.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child?.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /^OpenAI-compatible API: (http:\/\/127\.0\.0\.1:\d+\/v1)$/m.exec(out);
      if (line?.[1]) ok(line[1]);
    });
    child?.once('exit', (code) => fail(new Error(`talaria api exited ${code}: ${out}${err}`)));
  });
}, 60_000);
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((ok) => child?.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('talaria api with the Vercel AI SDK and LangChain', () => {
  it('generateText calls a tool with schema-valid input (toolChoice required)', async () => {
    const provider = createOpenAICompatible({ name: 'talaria', baseURL });
    const result = await generateText({
      model: provider(MODEL_ID),
      prompt: 'What is the weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Current weather in a city',
          inputSchema: z.object({
            city: z.string().max(12),
            unit: z.enum(['celsius', 'fahrenheit']),
          }),
        }),
      },
      toolChoice: 'required',
      maxOutputTokens: 200,
    });
    expect(result.finishReason).toBe('tool-calls');
    const call = result.toolCalls[0];
    expect(call?.toolName).toBe('get_weather');
    const input = call?.input as { city: string; unit: string };
    expect(input.city.length).toBeLessThanOrEqual(12);
    expect(['celsius', 'fahrenheit']).toContain(input.unit);
  });

  it('generateText with Output.object returns an object the schema accepts', async () => {
    const provider = createOpenAICompatible({
      name: 'talaria',
      baseURL,
      supportsStructuredOutputs: true,
    });
    const schema = z.object({
      name: z.string().max(10),
      mood: z.enum(['happy', 'sad']),
      // Not an integer: the grammar cannot bound numbers, and random weights write 1e999.
      adult: z.boolean(),
    });
    const result = await generateText({
      model: provider(MODEL_ID),
      prompt: 'Describe someone.',
      output: Output.object({ schema }),
      maxOutputTokens: 120,
    });
    expect(schema.safeParse(result.output).success).toBe(true);
  });

  it("LangChain's ChatOpenAI.bindTools gets tool calls back", async () => {
    const weather = langchainTool(async () => 'sunny', {
      name: 'get_weather',
      description: 'Current weather in a city',
      schema: z.object({ city: z.string().max(12) }),
    });
    const chat = new ChatOpenAI({
      model: MODEL_ID,
      apiKey: 'not-needed',
      configuration: { baseURL },
      maxTokens: 200,
      maxRetries: 0,
    });
    const message = await chat
      .bindTools([weather], { tool_choice: 'get_weather' })
      .invoke('Weather in Oslo?');
    expect(message.tool_calls?.[0]?.name).toBe('get_weather');
    const args = message.tool_calls?.[0]?.args as { city: string };
    expect(typeof args.city).toBe('string');
    expect(message.tool_calls?.[0]?.id).toMatch(/^call_/);
  });
});

describe('talaria api refuses an unsafe start', () => {
  it('will not listen beyond loopback without an API key, and says why', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', CLI, 'api', '--host', '0.0.0.0', '--port', '0', '--data-dir', dir],
      { encoding: 'utf8', env: { ...process.env, TALARIA_API_KEY: '' } },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Refusing to listen on 0.0.0.0 without an API key');
    expect(run.stdout).not.toContain('OpenAI-compatible API');
  });

  it('refuses a guessable API key', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', CLI, 'api', '--api-key', 'abc', '--port', '0', '--data-dir', dir],
      { encoding: 'utf8', env: { ...process.env, TALARIA_API_KEY: '' } },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('The API key is too short');
  });
});
