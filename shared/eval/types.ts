import type { HermesMessage, HermesTool } from '../hermes/types';
import type { ScoringMode } from './bfclCategories';

/**
 * One expected call, BFCL style: every parameter lists its acceptable values. `""` among them
 * marks the parameter optional; a dict-typed parameter's acceptable values are dicts whose keys
 * list their own acceptable values; a list of dicts is a list of such dicts.
 */
export interface ExpectedCall {
  name: string;
  arguments: Record<string, unknown[]>;
}

export type Expected =
  | { kind: 'calls'; calls: ExpectedCall[] }
  /** Irrelevance: passes only when the reply has no tool call at all. */
  | { kind: 'no-call' }
  /** Relevance: passes when the reply calls any of the tools. */
  | { kind: 'any-call' };

/** One case of a suite, ready to prompt and to score. */
export interface EvalCase {
  id: string;
  /** The suite (or user category) it belongs to, e.g. `bfcl-simple`. */
  category: string;
  messages: HermesMessage[];
  /** OpenAI-style tools with JSON Schema parameters (BFCL's docs converted as BFCL does). */
  tools: Array<{
    type: 'function';
    function: { name: string; description: string; parameters: JsonObject };
  }>;
  expected: Expected;
}

export type JsonObject = { [key: string]: unknown };

/** The verdict on one case. */
export interface CaseScore {
  id: string;
  category: string;
  correct: boolean;
  /** Why, in words: "ok", or the first thing that was wrong. */
  reason: string;
}

export interface Tally {
  total: number;
  correct: number;
  /** correct / total, 0 when there are no cases. */
  accuracy: number;
}

export interface ScoreSummary {
  overall: Tally;
  categories: Record<string, Tally>;
  cases: Array<{ id: string; correct: boolean; reason: string }>;
}

export type { HermesTool, ScoringMode };
