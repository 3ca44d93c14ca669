import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');

/** Files that break one layer rule each; written into the real tree, linted, then removed. */
const violations: { file: string; code: string; rule: string }[] = [
  {
    file: 'renderer/src/__layer_probe__/importsBackend.ts',
    code: "import { APP_VERSION } from '../../../electron/backend/version';\nexport const v = APP_VERSION;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    file: 'renderer/src/__layer_probe__/importsNode.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    rule: 'no-restricted-imports',
  },
  {
    file: 'electron/backend/__layer_probe__/importsElectron.ts',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    rule: 'no-restricted-imports',
  },
  {
    file: 'electron/host/__layer_probe__/importsShell.ts',
    code: "import { RPC_CHANNEL } from '../../main/ipcTransport';\nexport const c = RPC_CHANNEL;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    file: 'shared/__layer_probe__/importsBackend.ts',
    code: "import { APP_VERSION } from '../../electron/backend/version';\nexport const v = APP_VERSION;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    file: 'shared/__layer_probe__/importsNode.ts',
    code: "import { join } from 'node:path';\nexport const j = join;\n",
    rule: 'no-restricted-imports',
  },
];

describe('ESLint layer rules', () => {
  afterAll(() => {
    for (const dir of new Set(violations.map((v) => dirname(join(repo, v.file))))) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports every import that crosses a layer boundary', async () => {
    for (const v of violations) {
      mkdirSync(dirname(join(repo, v.file)), { recursive: true });
      writeFileSync(join(repo, v.file), v.code);
    }
    const eslint = new ESLint({ cwd: repo });
    const results = await eslint.lintFiles(violations.map((v) => v.file));
    for (const v of violations) {
      const result = results.find((r) => r.filePath === join(repo, v.file));
      const rules = result?.messages.map((m) => m.ruleId) ?? [];
      expect(rules, v.file).toContain(v.rule);
      expect(result?.errorCount, v.file).toBeGreaterThan(0);
    }
  }, 120_000);

  it('accepts the allowed directions', async () => {
    const eslint = new ESLint({ cwd: repo });
    const results = await eslint.lintFiles([
      'electron/main/ipcTransport.ts',
      'renderer/src/transport/connect.ts',
      'electron/backend/createBackend.ts',
    ]);
    expect(
      results.flatMap((r) => r.messages.filter((m) => m.ruleId?.includes('restricted'))),
    ).toEqual([]);
  }, 120_000);
});
