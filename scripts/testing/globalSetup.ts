import { ensureBrokenModel, ensureEagerEosModel, ensureTinyModel } from './testModels';

/** vitest globalSetup: writes the shared test models once, before any worker starts. */
export async function setup(): Promise<void> {
  await Promise.all([ensureTinyModel(), ensureEagerEosModel(), ensureBrokenModel()]);
}
