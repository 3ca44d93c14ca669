/** One settings variant of a run: each case runs once per model per variant. */
export interface EvalVariant {
  /** Guaranteed arguments: each call's arguments written under its tool's schema grammar. */
  grammar: boolean;
  toolChoice: 'auto' | 'required' | 'none';
  /** 0 is greedy. */
  temperature: number;
  seed: number | null;
  /** Where tool results go in cases that hold some ('user': `<tool_response>` user turns). */
  toolResponseRole: 'tool' | 'user';
  /** A system prompt added before the case's messages when the case has none; null: none. */
  systemPrompt: string | null;
  maxTokens: number;
}

export const DEFAULT_EVAL_VARIANT: EvalVariant = {
  grammar: false,
  toolChoice: 'auto',
  temperature: 0,
  seed: 42,
  toolResponseRole: 'tool',
  systemPrompt: null,
  maxTokens: 256,
};

/** Everything a run needs to start, or to resume after a restart. */
export interface EvalPlan {
  suites: string[];
  /** Model files (GGUF paths) in the order they run. */
  models: string[];
  variants: EvalVariant[];
  /** Cases per suite (the first N), or null for all. */
  limit: number | null;
}

export type EvalRunStatus = 'running' | 'cancelled' | 'done' | 'error';

export interface EvalRunInfo {
  id: string;
  status: EvalRunStatus;
  plan: EvalPlan;
  total: number;
  done: number;
  correct: number;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

/** One case's outcome for one model and variant, with everything needed to look at it again. */
export interface EvalResult {
  runId: string;
  model: string;
  variant: number;
  caseId: string;
  category: string;
  prompt: string;
  output: string;
  correct: boolean;
  reason: string;
  ttftMs: number | null;
  durationMs: number;
  promptTokens: number;
  completionTokens: number;
  tokensPerSecond: number | null;
}

export interface EvalProgress {
  runId: string;
  done: number;
  total: number;
  correct: number;
  elapsedMs: number;
  /** From the pace of this session's cases; null before the first one. */
  etaMs: number | null;
  model: string;
  variant: number;
  caseId: string;
}

/** "grammar on · auto · t=0 · seed 42": how a variant is shown in tables and the CLI. */
export function variantLabel(v: EvalVariant): string {
  const parts = [
    `grammar ${v.grammar ? 'on' : 'off'}`,
    v.toolChoice,
    `t=${v.temperature}`,
    v.seed === null ? 'random seed' : `seed ${v.seed}`,
  ];
  if (v.toolResponseRole === 'user') parts.push('results as user');
  if (v.systemPrompt !== null) parts.push('system prompt');
  return parts.join(' · ');
}
