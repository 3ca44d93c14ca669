import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, 'index.ts');
const CORPUS = resolve(import.meta.dirname, '../../shared/worldinfo/corpus');
const ELDORIA = join(CORPUS, 'st-eldoria-2024.json');
const TOARU = join(CORPUS, 'st-toaru-2023.json');

function talaria(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TALARIA_DATA_DIR: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `talaria lorebooks …` as a user runs it: a real process on a real data folder. */
describe('talaria lorebooks', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'talaria-cli-lore-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Each step is a real process (about 4 s apiece on a busy machine).
  it('imports, lists, exports unchanged and activates like SillyTavern', () => {
    const data = ['--data-dir', join(dir, 'data')];
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"entries": 3}');
    const imported = talaria('lorebooks', 'import', ELDORIA, TOARU, broken, ...data);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(/^\S+\t4\tst-eldoria-2024\n\S+\t\d+\tst-toaru-2023\n$/);
    expect(imported.stderr).toContain('broken.json: ');
    expect(imported.stderr).toContain('Imported 2 of 3 lorebook(s).');

    const listed = JSON.parse(talaria('lorebooks', 'list', '--json', ...data).stdout) as {
      id: string;
      name: string;
    }[];
    expect(listed.map((b) => b.name)).toEqual(['st-eldoria-2024', 'st-toaru-2023']);

    const out = join(dir, 'out.json');
    expect(talaria('lorebooks', 'export', 'st-eldoria-2024', '--out', out, ...data).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(
      JSON.parse(readFileSync(ELDORIA, 'utf8')),
    );
    const card = join(dir, 'card.json');
    talaria('lorebooks', 'export', listed[0]!.id, '--format', 'card', '--out', card, ...data);
    expect(JSON.parse(readFileSync(card, 'utf8'))).toMatchObject({ entries: expect.any(Array) });

    const chat = join(dir, 'chat.json');
    writeFileSync(
      chat,
      JSON.stringify([
        { role: 'assistant', name: 'Seraphina', content: 'Rest now, traveller.' },
        { role: 'user', name: 'You', content: 'What is this forest? Is there magic here?' },
      ]),
    );
    const activated = talaria(
      'lorebooks',
      'activate',
      'st-eldoria-2024',
      '--chat',
      chat,
      '--json',
      ...data,
    );
    expect(activated.code).toBe(0);
    const rows = JSON.parse(activated.stdout) as { uid: number }[];
    // "forest" fires entry 0 and "magic" entry 3; their content names the glade and its
    // monsters, which (recursion being on by default) fire 1 and 2. All have order 100, so
    // SillyTavern's prompt order is the reverse of activation.
    expect(rows.map((r) => r.uid)).toEqual([2, 1, 3, 0]);

    // Only the last message is scanned at depth 1.
    const settings = join(dir, 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify({ world_info_depth: 1, world_info_match_whole_words: true }),
    );
    writeFileSync(
      chat,
      JSON.stringify([
        { role: 'user', content: 'the forest' },
        { role: 'user', content: 'hello' },
      ]),
    );
    const shallow = talaria(
      'lorebooks',
      'activate',
      'st-eldoria-2024',
      '--chat',
      chat,
      '--settings',
      settings,
      '--json',
      ...data,
    );
    expect(JSON.parse(shallow.stdout)).toEqual([]);
    const text = talaria('lorebooks', 'activate', 'st-eldoria-2024', '--chat', chat, ...data);
    expect(text.stdout).toMatch(/^0\t100\t.*\(key "forest"\)$/m);
  }, 180_000);

  it('says what is wrong with a bad request', () => {
    const data = ['--data-dir', join(dir, 'data')];
    expect(talaria('lorebooks', 'activate', 'nope', ...data).code).toBe(2);
    const missing = talaria('lorebooks', 'export', 'nope', ...data);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND: No lorebook has the id or name "nope".');
  });
});
