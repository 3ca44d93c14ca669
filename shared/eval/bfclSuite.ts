import type { HermesMessage } from '../hermes/types';
import { BFCL_CATEGORIES } from './bfclCategories';
import { bfclTool, type BfclFunction } from './bfclTools';
import type { EvalCase, Expected, ExpectedCall } from './types';

/** One file of resources/eval/bfcl as written by scripts/eval/importBfcl.ts. */
export interface BfclSuiteFile {
  suite: string;
  source: { repo: string; commit: string; question: string };
  functions: BfclFunction[];
  cases: Array<{
    id: string;
    question: HermesMessage[][];
    function: number[];
    ground_truth?: Array<Record<string, Record<string, unknown[]>>>;
  }>;
}

/** The cases of a shipped BFCL suite, tools converted as BFCL converts them for OpenAI-style models. */
export function bfclCases(file: BfclSuiteFile): EvalCase[] {
  const category = BFCL_CATEGORIES.find((c) => c.suite === file.suite);
  if (!category) throw new Error(`Unknown BFCL suite "${file.suite}".`);
  const tools = file.functions.map(bfclTool);
  return file.cases.map((c) => {
    let expected: Expected;
    if (category.scoring === 'calls') {
      const calls: ExpectedCall[] = (c.ground_truth ?? []).flatMap((entry) =>
        Object.entries(entry).map(([name, args]) => ({ name, arguments: args })),
      );
      expected = { kind: 'calls', calls };
    } else expected = { kind: category.scoring };
    return {
      id: c.id,
      category: file.suite,
      // Single-turn categories have exactly one turn.
      messages: c.question.flat(),
      tools: c.function.map((i) => {
        const tool = tools[i];
        if (!tool) throw new Error(`${c.id}: no function #${i}`);
        return tool;
      }),
      expected,
    };
  });
}
