import { describe, expect, it } from 'vitest';
import { safeFileName } from './fileNames';

describe('safeFileName', () => {
  it('keeps readable names and removes what file systems refuse', () => {
    expect(safeFileName('Seraphina', 'png', 'character')).toBe('Seraphina.png');
    expect(safeFileName('Ann: a/b\\c?\u0007', 'json', 'x')).toBe('Ann_ a_b_c__.json');
    expect(safeFileName(' ..hidden.. ', 'json', 'x')).toBe('hidden.json');
    expect(safeFileName('  ', 'png', 'character')).toBe('character.png');
    expect(safeFileName('日本語の名前', 'png', 'x')).toBe('日本語の名前.png');
    expect(Array.from(safeFileName('a'.repeat(300), 'png', 'x'))).toHaveLength(104);
  });
});
