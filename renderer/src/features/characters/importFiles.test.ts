import { describe, expect, it } from 'vitest';
import { importSummary, type ImportOutcome } from './importFiles';
import { freeName } from './lorebookListStore';

const ok = (name: string): ImportOutcome => ({
  fileName: `${name}.png`,
  ok: true,
  name,
  warnings: [],
});
const bad = (fileName: string): ImportOutcome => ({
  fileName,
  ok: false,
  error: 'broken',
  warnings: [],
});

describe('import summaries', () => {
  it('names a single file', () => {
    expect(importSummary([ok('Seraphina')], 'character')).toBe('Imported Seraphina');
    expect(importSummary([bad('x.json')], 'character')).toBe('Could not import x.json');
  });

  it('counts a batch, saying when files failed', () => {
    expect(importSummary([ok('A'), ok('B')], 'character')).toBe('Imported 2 characters');
    expect(importSummary([ok('A'), bad('b.json'), bad('c.png')], 'lorebook')).toBe(
      'Imported 1 lorebook; 2 files could not be read',
    );
    expect(importSummary([bad('b.json'), bad('c.png')], 'character')).toMatch(
      /^Could not import 2 files/,
    );
  });
});

describe('free lorebook names', () => {
  it('numbers a name that is taken, whatever its case', () => {
    expect(freeName('New lorebook', [])).toBe('New lorebook');
    expect(freeName('New lorebook', ['new lorebook', 'New lorebook 2'])).toBe('New lorebook 3');
  });
});
