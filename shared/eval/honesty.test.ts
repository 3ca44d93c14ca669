import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BFCL_CATEGORIES } from './bfclCategories';
import { bfclCases, type BfclSuiteFile } from './bfclSuite';
import { renderExpected, renderMutated } from './groundTruth';
import { scoreCase } from './scoreCase';

const DIR = resolve(import.meta.dirname, '../../resources/eval/bfcl');

/**
 * Cases whose ground truth BFCL's own checker rejects too: an answer naming a parameter the
 * function does not have, or a required parameter with no acceptable value (`[]`) or none at
 * all. No reply can pass them, here or in BFCL; the test pins the list so that it cannot grow.
 */
const UNSATISFIABLE: Record<string, string> = {
  parallel_multiple_12: 'unknown parameter permeability',
  parallel_multiple_26: 'unknown parameter type',
  'live_simple_106-63-0': 'missing required parameter auto_loan_payment_start',
  'live_simple_112-68-0': 'missing required parameter acc_routing_start',
  'live_multiple_507-149-4': 'missing required parameter origin_airport',
  'live_multiple_862-181-3': 'unknown parameter journey_start_time',
  'live_multiple_964-207-0': 'missing required parameter statement',
};

/**
 * The scorer on BFCL's own ground truth, for every case of every shipped category: the first
 * acceptable answer written as Hermes <tool_call> blocks scores correct (names spelled as BFCL
 * writes them or with dots as underscores, parallel calls in either order), and the same
 * answer with one required argument changed scores wrong.
 */
describe('scoring BFCL ground truth', () => {
  for (const category of BFCL_CATEGORIES) {
    it(`${category.suite}: every acceptable answer scores correct, every mutated one wrong`, () => {
      const file = JSON.parse(
        readFileSync(resolve(DIR, `${category.suite}.json`), 'utf8'),
      ) as BfclSuiteFile;
      const cases = bfclCases(file);
      const notCorrect: string[] = [];
      const notWrong: string[] = [];
      let unsatisfiable = 0;
      cases.forEach((c, i) => {
        const output = renderExpected(c, { dottedNames: i % 2 === 1, reverse: i % 3 === 1 });
        const good = scoreCase(c, output);
        const known = UNSATISFIABLE[c.id];
        if (known !== undefined) {
          if (good.correct || !good.reason.includes(known))
            notCorrect.push(`${c.id}: ${good.reason}`);
          else unsatisfiable += 1;
        } else if (!good.correct) notCorrect.push(`${c.id}: ${good.reason}\n${output}`);
        const mutated = renderMutated(c);
        const bad = scoreCase(c, mutated.output);
        if (bad.correct) notWrong.push(`${c.id} (changed ${mutated.changed}): ${mutated.output}`);
      });
      expect(cases.length).toBeGreaterThan(0);
      expect(notCorrect.slice(0, 50)).toEqual([]);
      expect(notWrong.slice(0, 50)).toEqual([]);
      console.log(
        `${category.suite}: ${cases.length - unsatisfiable}/${cases.length} answers correct` +
          (unsatisfiable ? ` (${unsatisfiable} unsatisfiable in BFCL's data), ` : ', ') +
          `${cases.length - notWrong.length}/${cases.length} mutated answers wrong`,
      );
    });
  }
});
