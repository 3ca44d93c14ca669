import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, 'index.ts');

function talaria(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TALARIA_DATA_DIR: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `talaria chats …` as a user runs it: a real process on a real data folder. */
describe('talaria chats', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'talaria-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports an OpenAI messages file, lists, exports JSON and Markdown, and re-imports', () => {
    const file = join(dir, 'openai.json');
    writeFileSync(
      file,
      JSON.stringify({
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'Name a prime' },
          { role: 'assistant', content: 'Seven, **definitely**.' },
        ],
      }),
    );
    const data = ['--data-dir', join(dir, 'data')];
    const imported = talaria('chats', 'import', file, ...data);
    expect(imported.stderr).toContain('Imported 1 conversation(s).');
    expect(imported.code).toBe(0);
    const [id] = imported.stdout.trim().split('\n');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    expect(talaria('chats', 'list', ...data).stdout).toBe(`${id}\t2\tName a prime\n`);

    const md = talaria('chats', 'export', id!, '--format', 'md', ...data);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Name a prime');
    expect(md.stdout).toContain('Seven, **definitely**.');

    const out = join(dir, 'all.json');
    const all = talaria('chats', 'export', '--all', '--out', out, ...data);
    expect(all.stderr).toContain(`Wrote 1 conversation(s) to ${out}`);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as { format: string };
    expect(bundle.format).toBe('talaria.conversations');

    const again = talaria('chats', 'import', out, ...data);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).not.toBe(id);
    expect(
      talaria('chats', 'list', ...data)
        .stdout.trim()
        .split('\n'),
    ).toHaveLength(2);
  });

  it('reports bad input with an exit code and saves nothing', () => {
    const data = ['--data-dir', join(dir, 'data')];
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"messages": [{"role": "wizard", "content": "hi"}]}');
    const bad = talaria('chats', 'import', broken, ...data);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^INVALID_INPUT: /);
    expect(talaria('chats', 'list', ...data).stdout).toBe('');

    expect(talaria('chats', 'import', join(dir, 'missing.json'), ...data).stderr).toMatch(
      /NOT_FOUND/,
    );
    expect(talaria('chats', 'export', 'no-such-id', ...data)).toMatchObject({ code: 1 });
    expect(talaria('chats', 'export', ...data)).toMatchObject({ code: 2 });
    expect(talaria('chats', 'export', '--all', '--format', 'pdf', ...data)).toMatchObject({
      code: 2,
    });
    expect(talaria('chats', 'frobnicate', ...data).code).toBe(2);
  });
});
