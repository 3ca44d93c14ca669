import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCharacterCard } from '../../shared/cards';

const CLI = resolve(import.meta.dirname, 'index.ts');
const SERAPHINA = resolve(import.meta.dirname, '../../shared/cards/fixtures/seraphina-v2.png');

function talaria(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TALARIA_DATA_DIR: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `talaria characters …` as a user runs it: a real process on a real data folder. */
describe('talaria characters', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'talaria-cli-chars-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports cards one by one, lists them, and exports a PNG that reads back the same', () => {
    const data = ['--data-dir', join(dir, 'data')];
    const broken = join(dir, 'broken.png');
    writeFileSync(broken, Buffer.from('\x89PNG\r\n\x1a\nnot really'));
    const imported = talaria('characters', 'import', SERAPHINA, broken, ...data);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(/^\S+\tSeraphina\n$/);
    expect(imported.stderr).toContain('broken.png: ');
    expect(imported.stderr).toContain('Imported 1 of 2 card(s).');

    const listed = talaria('characters', 'list', ...data);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\t1\t4\tSeraphina/);
    const json = JSON.parse(talaria('characters', 'list', '--json', ...data).stdout) as {
      name: string;
    }[];
    expect(json.map((c) => c.name)).toEqual(['Seraphina']);

    const out = join(dir, 'out.png');
    const exported = talaria('characters', 'export', 'seraphina', '--out', out, ...data);
    expect(exported.code).toBe(0);
    const original = readCharacterCard(new Uint8Array(readFileSync(SERAPHINA)));
    const again = readCharacterCard(new Uint8Array(readFileSync(out)));
    expect(again.data.character_book?.entries).toHaveLength(4);
    expect(again.data.first_mes).toBe(original.data.first_mes);
    expect(again.data.description).toBe(original.data.description);

    const missing = talaria('characters', 'export', 'nobody', ...data);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND: No character has the id or name "nobody".');
  });
});
