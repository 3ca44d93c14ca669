import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { ensureTinyModel } from '../../scripts/testing/testModels';
import type { ApiStartOptions } from '../backend/createBackend';
import { startHarness, type Harness } from '../testing/backendHarness';
import type { ApiServer, RequestLogEntry } from './ApiServer';

/** The tiny generated Hermes model's id once it sits in the test library. */
export const TINY_ID = 'talaria-test/tiny-hermes-GGUF/tiny-hermes.gguf';

export interface ApiHarness {
  harness: Harness;
  api: ApiServer;
  url: string;
  /** The official SDK pointed at the server, no retries (a test sees every status). */
  openai: OpenAI;
  modelPath: string;
  /** Every request the server logged, in order. */
  log: RequestLogEntry[];
  close(): Promise<void>;
}

/**
 * A real backend (store, engine process, library) with the generated Hermes model in its library
 * and the API listening on a free loopback port. `load: false` leaves the engine empty, for the
 * models-on-demand tests.
 */
export async function startApiHarness(
  options: Partial<ApiStartOptions> & { load?: boolean } = {},
): Promise<ApiHarness> {
  const { load = true, ...apiOptions } = options;
  const harness = await startHarness('memory');
  const dir = join(harness.dataDir, 'models', 'talaria-test', 'tiny-hermes-GGUF');
  mkdirSync(dir, { recursive: true });
  const modelPath = join(dir, 'tiny-hermes.gguf');
  copyFileSync(await ensureTinyModel(), modelPath);
  if (load) await harness.backend.loadModel(modelPath);
  const log: RequestLogEntry[] = [];
  const api = await harness.backend.startApi({
    port: 0,
    onRequest: (entry) => log.push(entry),
    ...apiOptions,
  });
  const url = api.url as string;
  const openai = new OpenAI({
    baseURL: url,
    apiKey: apiOptions.apiKey ?? 'not-needed',
    maxRetries: 0,
    timeout: 60_000,
  });
  return {
    harness,
    api,
    url,
    openai,
    modelPath,
    log,
    close: () => harness.close({ removeData: true }),
  };
}

/** Arguments schema of the weather tool: strings bounded, so a random model closes them. */
export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', maxLength: 12 },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city', 'unit'],
    },
  },
};

export const timeTool = {
  type: 'function' as const,
  function: {
    name: 'get_time',
    description: 'Current time in a time zone',
    parameters: {
      type: 'object',
      properties: { zone: { type: 'string', enum: ['UTC', 'Europe/Paris'] } },
      required: ['zone'],
    },
  },
};
