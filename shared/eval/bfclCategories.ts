/** How a suite's cases are judged. */
export type ScoringMode = 'calls' | 'no-call' | 'any-call';

export interface BfclCategory {
  /** Talaria's suite name. */
  suite: string;
  /** BFCL's category name (its file is `BFCL_v4_<bfcl>.json`). */
  bfcl: string;
  scoring: ScoringMode;
  description: string;
}

/** BFCL v4's single-turn categories shipped in resources/eval/bfcl, in BFCL's order. */
export const BFCL_CATEGORIES: readonly BfclCategory[] = [
  {
    suite: 'bfcl-simple',
    bfcl: 'simple_python',
    scoring: 'calls',
    description: 'One function, one call (Python)',
  },
  {
    suite: 'bfcl-multiple',
    bfcl: 'multiple',
    scoring: 'calls',
    description: 'Pick the right one of several functions',
  },
  {
    suite: 'bfcl-parallel',
    bfcl: 'parallel',
    scoring: 'calls',
    description: 'Several calls of one function in one reply',
  },
  {
    suite: 'bfcl-parallel-multiple',
    bfcl: 'parallel_multiple',
    scoring: 'calls',
    description: 'Several calls of several functions in one reply',
  },
  {
    suite: 'bfcl-irrelevance',
    bfcl: 'irrelevance',
    scoring: 'no-call',
    description: 'No function fits: the model must not call one',
  },
  {
    suite: 'bfcl-live-simple',
    bfcl: 'live_simple',
    scoring: 'calls',
    description: 'User-contributed: one function, one call',
  },
  {
    suite: 'bfcl-live-multiple',
    bfcl: 'live_multiple',
    scoring: 'calls',
    description: 'User-contributed: pick one of several functions',
  },
  {
    suite: 'bfcl-live-parallel',
    bfcl: 'live_parallel',
    scoring: 'calls',
    description: 'User-contributed: several calls of one function',
  },
  {
    suite: 'bfcl-live-parallel-multiple',
    bfcl: 'live_parallel_multiple',
    scoring: 'calls',
    description: 'User-contributed: several calls of several functions',
  },
  {
    suite: 'bfcl-live-irrelevance',
    bfcl: 'live_irrelevance',
    scoring: 'no-call',
    description: 'User-contributed: no function fits',
  },
  {
    suite: 'bfcl-live-relevance',
    bfcl: 'live_relevance',
    scoring: 'any-call',
    description: 'User-contributed: some function fits: the model must call one',
  },
];
