import { resolve } from 'node:path';
import { DEFAULT_HUB_ENDPOINT, HubClient } from '../../backend/models/HubClient';
import { modelsDirFor } from '../../backend/models/repoPaths';
import { resolveDataDir } from '../../backend/paths';
import type { ProgressOutput } from './progressBar';

/** What every `talaria models` command works with. */
export interface CliContext {
  dataDir: string;
  modelsDir: string;
  hub: HubClient;
  out: ProgressOutput;
  err: (text: string) => void;
  json: boolean;
}

export function createCliContext(options: { dataDir?: string; json?: boolean }): CliContext {
  const dataDir = resolve(resolveDataDir(options.dataDir));
  return {
    dataDir,
    modelsDir: modelsDirFor(dataDir),
    // The token goes to this endpoint only (HubClient enforces it), never to the CDN.
    hub: new HubClient({
      endpoint: process.env.HF_ENDPOINT || DEFAULT_HUB_ENDPOINT,
      token: process.env.HF_TOKEN?.trim() || null,
    }),
    out: {
      write: (text) => void process.stdout.write(text),
      isTTY: process.stdout.isTTY === true,
      columns: process.stdout.columns,
    },
    err: (text) => void process.stderr.write(text),
    json: options.json ?? false,
  };
}
