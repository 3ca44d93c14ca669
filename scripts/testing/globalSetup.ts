import { ensureLlamaServer } from '../llamaServer/ensureLlamaServer';
import { ensureBrokenModel, ensureEagerEosModel, ensureTinyModel } from './testModels';

/**
 * vitest globalSetup: writes the shared test models once, before any worker starts, and makes
 * sure llama.cpp's own server is built (the remote-engine tests run against it; the first run on
 * a new machine builds it from node-llama-cpp's llama.cpp source, then it is cached).
 */
export async function setup(): Promise<void> {
  await Promise.all([ensureTinyModel(), ensureEagerEosModel(), ensureBrokenModel()]);
  ensureLlamaServer((line) => process.stderr.write(`${line}\n`));
}
