import { describe, expect, it } from 'vitest';
import { diffRuns, resultsCsv } from './compare';
import type { EvalResult } from './runTypes';

function result(caseId: string, correct: boolean, model = 'a.gguf', output = ''): EvalResult {
  return {
    runId: 'r',
    model,
    variant: 0,
    caseId,
    category: 'bfcl-simple',
    prompt: 'p',
    output,
    correct,
    reason: correct ? 'ok' : "wrong value for unit: 'F' not in ['fahrenheit']",
    ttftMs: 12,
    durationMs: 40,
    promptTokens: 100,
    completionTokens: 8,
    tokensPerSecond: null,
  };
}

describe('diffRuns and resultsCsv', () => {
  it('counts what a second run fixed and broke', () => {
    const before = [result('a', false), result('b', true), result('c', true), result('d', false)];
    const after = [result('a', true), result('b', false), result('c', true), result('e', true)];
    expect(diffRuns(before, after)).toEqual({
      fixed: ['a'],
      broke: ['b'],
      stillCorrect: 1,
      stillWrong: 0,
      unmatched: 2,
    });
    // Two runs of different models compare case by case.
    expect(diffRuns([result('a', false)], [result('a', true, 'b.gguf')]).fixed).toEqual(['a']);
  });

  it('quotes commas, quotes and newlines in CSV', () => {
    const csv = resultsCsv([
      result('a', false, 'a.gguf', '<tool_call>\n{"name": "x"}\n</tool_call>'),
    ]);
    expect(csv.split('\r\n')[0]).toBe(
      'model,variant,category,caseId,correct,reason,ttftMs,durationMs,promptTokens,completionTokens,tokensPerSecond,output',
    );
    expect(csv).toContain(
      `a.gguf,0,bfcl-simple,a,false,wrong value for unit: 'F' not in ['fahrenheit'],12,40,100,8,,"<tool_call>\n{""name"": ""x""}\n</tool_call>"\r\n`,
    );
  });
});
