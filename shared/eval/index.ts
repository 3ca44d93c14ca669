export { BFCL_CATEGORIES } from './bfclCategories';
export type { BfclCategory, ScoringMode } from './bfclCategories';
export { bfclTool, toolName } from './bfclTools';
export type { BfclFunction } from './bfclTools';
export { bfclCases } from './bfclSuite';
export type { BfclSuiteFile } from './bfclSuite';
export { checkCall, sameName } from './checkCall';
export { expectedArguments, renderExpected, renderMutated, toolCallBlock } from './groundTruth';
export { scoreCase, summarize } from './scoreCase';
export type { CaseScore, EvalCase, Expected, ExpectedCall, ScoreSummary, Tally } from './types';
export { parseUserSuite } from './userSuite';
export type { UserSuiteLine } from './userSuite';
export { DEFAULT_EVAL_VARIANT, variantLabel } from './runTypes';
export type {
  EvalPlan,
  EvalProgress,
  EvalResult,
  EvalRunInfo,
  EvalRunStatus,
  EvalVariant,
} from './runTypes';
export { diffRuns, resultsCsv } from './compare';
export type { RunDiff } from './compare';
