import { describe, expect, it } from 'vitest';
import { expandMacros, type MacroContext } from './macros';
import { seededRandom } from './random';

// Sunday 5 January 2025, 15:04:09 UTC.
const NOW = new Date(Date.UTC(2025, 0, 5, 15, 4, 9));
const base: MacroContext = {
  user: 'Alice',
  char: 'Seraphina',
  now: NOW,
  locale: 'en-US',
  timeZone: 'UTC',
};
const fixed = (value: number) => () => value;

describe('expandMacros', () => {
  it.each([
    ['{{user}} meets {{char}}', 'Alice meets Seraphina'],
    ['{{USER}} / {{Char}} / {{ user }}', 'Alice / Seraphina / Alice'],
    ['<USER> and <BOT>, <char>, <Bot>', 'Alice and Seraphina, Seraphina, Seraphina'],
    ['a < b, <User>, <nope>', 'a < b, Alice, <nope>'],
    ['{{date}}', 'January 5, 2025'],
    ['{{time}}', '3:04 PM'],
    ['{{weekday}}', 'Sunday'],
    ['{{isodate}} {{isotime}}', '2025-01-05 15:04'],
    ['{{ISODATE}}', '2025-01-05'],
    ['{{time_UTC+2}} / {{time_UTC-5}}', '5:04 PM / 10:04 AM'],
    ['a{{newline}}b', 'a\nb'],
    ['a\n\n{{trim}}\n\nb', 'ab'],
    ['a{{newline}}{{trim}}b', 'ab'],
    ['x{{noop}}y', 'xy'],
    ['a{{// a note for the card author }}b', 'ab'],
    ['a{{//note with {{user}} inside}}b', 'ab'],
    ['{{unknownMacro}} and {{description}}', '{{unknownMacro}} and {{description}}'],
    ['{{{user}}}', '{Alice}'],
    ['{{user', '{{user'],
    ['{{user}} {{char', 'Alice {{char'],
    ['{{ {{user}}', '{{ Alice'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(expandMacros(input, base)).toBe(expected);
  });

  it('formats dates in the given time zone and locale', () => {
    const tokyo = { ...base, timeZone: 'Asia/Tokyo' };
    expect(expandMacros('{{weekday}} {{isodate}} {{isotime}} {{time}}', tokyo)).toBe(
      'Monday 2025-01-06 00:04 12:04 AM',
    );
    const berlin = { ...base, locale: 'de-DE', timeZone: 'Europe/Berlin' };
    expect(expandMacros('{{date}}, {{time}}, {{weekday}}', berlin)).toBe(
      '5. Januar 2025, 16:04, Sonntag',
    );
  });

  it('picks {{random}} items with the injected random source', () => {
    expect(expandMacros('{{random:a, b ,c}}', { ...base, random: fixed(0) })).toBe('a');
    expect(expandMacros('{{random:a, b ,c}}', { ...base, random: fixed(0.5) })).toBe('b');
    expect(expandMacros('{{random:a, b ,c}}', { ...base, random: fixed(0.999) })).toBe('c');
    // `::` keeps items verbatim, commas included; `\,` escapes a comma in the comma form.
    expect(expandMacros('{{random::x, y::z}}', { ...base, random: fixed(0) })).toBe('x, y');
    expect(expandMacros('{{random:a\\,b,c}}', { ...base, random: fixed(0) })).toBe('a,b');
    expect(expandMacros('{{Random:{{user}},{{char}}}}', { ...base, random: fixed(0.9) })).toBe(
      'Seraphina',
    );
    // A source that misbehaves still yields an item.
    expect(expandMacros('{{random:a,b}}', { ...base, random: fixed(1) })).toBe('b');
  });

  it('is reproducible with a seeded random source', () => {
    const text = Array.from({ length: 20 }, () => '{{random:a,b,c,d}}').join('');
    const first = expandMacros(text, { ...base, random: seededRandom('conversation-1') });
    const again = expandMacros(text, { ...base, random: seededRandom('conversation-1') });
    const other = expandMacros(text, { ...base, random: seededRandom('conversation-2') });
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(new Set(first)).toEqual(new Set(['a', 'b', 'c', 'd']));
  });

  it('rolls dice', () => {
    expect(expandMacros('{{roll:d6}}', { ...base, random: fixed(0.5) })).toBe('4');
    expect(expandMacros('{{roll 2d6+1}}', { ...base, random: fixed(0) })).toBe('3');
    expect(expandMacros('{{roll:20}}', { ...base, random: fixed(0.999) })).toBe('20');
    expect(expandMacros('[{{roll:0d6}}]', { ...base, random: fixed(0) })).toBe('[]');
  });

  it('never expands a macro value again', () => {
    const tricky = { ...base, user: '{{char}}', char: '<USER>' };
    expect(expandMacros('{{user}} / {{char}}', tricky)).toBe('{{char}} / <USER>');
  });

  it('expands {{original}} once, like SillyTavern', () => {
    const ctx = { ...base, original: 'Be helpful.' };
    expect(expandMacros('{{original}} Also: {{original}}', ctx)).toBe('Be helpful. Also: ');
    expect(expandMacros('[{{original}}]', base)).toBe('[]');
  });

  it('expands the character fields and extra variables when given', () => {
    const ctx = {
      ...base,
      description: 'A healer.',
      scenario: 'A glade.',
      variables: { Mood: 'calm' },
    };
    expect(expandMacros('{{description}} {{scenario}} {{mood}} {{persona}}', ctx)).toBe(
      'A healer. A glade. calm {{persona}}',
    );
  });

  it('stays linear on hostile input', () => {
    const started = Date.now();
    for (const hostile of [
      '<'.repeat(200_000) + '{{'.repeat(50_000),
      '{{'.repeat(50_000) + '}}',
      '{{user}'.repeat(30_000),
    ]) {
      expect(expandMacros(hostile, base).length).toBeGreaterThan(0);
    }
    expect(expandMacros('{{'.repeat(40) + 'user' + '}}'.repeat(40), base)).toContain('{{');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
