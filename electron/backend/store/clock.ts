/** Epoch milliseconds; injected so tests can control ordering and timestamps. */
export type Clock = () => number;

export interface RepositoryOptions {
  now?: Clock;
}
