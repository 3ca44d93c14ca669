import { describe, expect, it } from 'vitest';
import { titleFromMessage } from './conversationTitle';

describe('automatic conversation titles', () => {
  it('drops the markdown that marks up the first line', () => {
    expect(titleFromMessage('# Trip plan\nDay 1: Kyoto')).toBe('Trip plan');
    expect(titleFromMessage('> quoted **idea** here')).toBe('quoted idea here');
    expect(titleFromMessage('- first item\n- second')).toBe('first item');
    expect(titleFromMessage('```ts\nconst a = 1;\n```')).toBe('const a = 1;');
    expect(titleFromMessage('Explain `useEffect` please')).toBe('Explain useEffect please');
  });

  it('cuts long lines and falls back when nothing is left', () => {
    expect(titleFromMessage('a'.repeat(80))).toBe(`${'a'.repeat(57)}…`);
    expect(titleFromMessage('#   ', 'New chat')).toBe('New chat');
  });
});
