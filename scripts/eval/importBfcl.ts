/**
 * Copies BFCL v4's single-turn categories from a gorilla checkout into resources/eval/bfcl/.
 *
 *   tsx scripts/eval/importBfcl.ts /path/to/gorilla.git [commit]
 *
 * Each category becomes one JSON file: BFCL's cases with their ground truth, the function docs
 * kept exactly as BFCL wrote them but stored once per file (live_multiple repeats the same docs
 * in hundreds of cases: 3.9 MB → 1.1 MB). The conversion to JSON Schema happens at load time
 * (shared/eval/bfclTools.ts), so the shipped data stays BFCL's own.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BFCL_CATEGORIES } from '../../shared/eval/bfclCategories';

const repo = process.argv[2];
if (!repo) throw new Error('Usage: tsx scripts/eval/importBfcl.ts <gorilla git dir> [commit]');
const commit = execFileSync('git', ['-C', repo, 'rev-parse', process.argv[3] ?? 'HEAD'], {
  encoding: 'utf8',
}).trim();
const DATA = 'berkeley-function-call-leaderboard/bfcl_eval/data';
const out = resolve(import.meta.dirname, '../../resources/eval/bfcl');

function show(path: string): string | undefined {
  try {
    return execFileSync('git', ['-C', repo!, 'show', `${commit}:${path}`], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

function jsonl(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const rows: string[] = [];
for (const category of BFCL_CATEGORIES) {
  const file = `BFCL_v4_${category.bfcl}.json`;
  const questions = jsonl(show(`${DATA}/${file}`) ?? '');
  const answerText = show(`${DATA}/possible_answer/${file}`);
  const answers = new Map(jsonl(answerText ?? '').map((a) => [a.id, a.ground_truth]));
  const functions: unknown[] = [];
  const index = new Map<string, number>();
  const cases = questions.map((q) => {
    const refs = (q.function as unknown[]).map((fn) => {
      const key = JSON.stringify(fn);
      let i = index.get(key);
      if (i === undefined) {
        i = functions.length;
        functions.push(fn);
        index.set(key, i);
      }
      return i;
    });
    const row: Record<string, unknown> = { id: q.id, question: q.question, function: refs };
    if (answerText !== undefined) {
      const truth = answers.get(q.id);
      if (truth === undefined) throw new Error(`${file}: no ground truth for ${String(q.id)}`);
      row.ground_truth = truth;
    }
    return row;
  });
  const body = {
    suite: category.suite,
    source: { repo: 'ShishirPatil/gorilla', commit, question: `${DATA}/${file}` },
    functions,
    cases,
  };
  writeFileSync(resolve(out, `${category.suite}.json`), `${JSON.stringify(body)}\n`);
  rows.push(`| \`${category.suite}\` | \`${file}\` | ${cases.length} |`);
  console.log(`${category.suite}: ${cases.length} cases, ${functions.length} distinct functions`);
}

writeFileSync(
  resolve(out, 'ATTRIBUTION.md'),
  `# Berkeley Function Calling Leaderboard (BFCL) v4 data

The files in this folder are the single-turn categories of BFCL v4, from the gorilla repository,
used under the Apache License 2.0 (\`LICENSE\` here is a copy of the repository's license).

- Repository: https://github.com/ShishirPatil/gorilla
- Path: \`${DATA}\` (questions) and \`${DATA}/possible_answer\` (ground truth)
- Commit: \`${commit}\`

Changes made by Talaria (\`scripts/eval/importBfcl.ts\`): each category's questions and ground
truth are merged into one JSON file, and the function docs are stored once per file and referred
to by index from each case. Case ids, questions, function docs and acceptable answers are
otherwise unchanged.

| suite | BFCL file | cases |
| ----- | --------- | ----- |
${rows.join('\n')}
`,
);
writeFileSync(resolve(out, 'LICENSE'), show('LICENSE') ?? '');
