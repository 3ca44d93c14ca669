import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureStreamingModel, ensureTinyModel } from '../../scripts/testing/testModels';
import { electronBinary } from './electronBinary';

/** Checks the build exists and writes the generated models the specs use. */
export default async function globalSetup(): Promise<void> {
  const cli = resolve(import.meta.dirname, '../../out/main/cli.js');
  if (!existsSync(cli)) throw new Error('Build first: `npm run build` (npm run test:e2e does it).');
  const electron = electronBinary();
  if ('reason' in electron)
    console.log(`[e2e] electron.spec.ts will be skipped: ${electron.reason}`);
  await ensureTinyModel();
  await ensureStreamingModel();
}
