import { RpcClient } from '../rpc/RpcClient';
import type { Transport } from '../rpc/wire';
import type { TalariaEvents, TalariaMethods } from './index';

/** The typed client every front end (renderer, CLI, tests, benches) uses. */
export type TalariaClient = RpcClient<TalariaMethods, TalariaEvents>;

export function createTalariaClient(transport: Transport): TalariaClient {
  return new RpcClient<TalariaMethods, TalariaEvents>(transport);
}
