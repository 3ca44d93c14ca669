import { join, resolve } from 'node:path';
import { TalariaError } from '../../shared/contract/errors';
import { resolveDataDir } from '../backend/paths';
import { Store } from '../backend/store';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Runs a command on the data folder's store, closing it after. An expected failure
 * (TalariaError) is printed as `CODE: message` and exits 1; anything else propagates.
 */
export async function withStore(
  dataDir: string | undefined,
  io: CliIo,
  run: (store: Store) => Promise<number> | number,
): Promise<number> {
  const store = new Store({ file: join(resolve(resolveDataDir(dataDir)), 'talaria.db') });
  try {
    return await run(store);
  } catch (error) {
    if (error instanceof TalariaError) {
      io.err(`${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    store.close();
  }
}
