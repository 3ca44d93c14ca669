import { describe, expect, it } from 'vitest';
import { argumentsPreview, formatDuration, readResult } from './callFormat';

describe('formatDuration', () => {
  it('reads well from microseconds to seconds', () => {
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(0.04)).toBe('<1 ms');
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1250)).toBe('1.25 s');
    expect(formatDuration(12_500)).toBe('12.5 s');
  });
});

describe('argumentsPreview', () => {
  it('lists the arguments on one line and cuts long ones', () => {
    expect(argumentsPreview({ city: 'Paris', days: 3 })).toBe('city: "Paris", days: 3');
    expect(argumentsPreview(null)).toBe('');
    expect(argumentsPreview({ text: 'x'.repeat(100) }, 20)).toBe(`text: "${'x'.repeat(12)}…`);
  });
});

describe('readResult', () => {
  it('unwraps the Hermes tool response to what the tool answered', () => {
    expect(
      readResult('{"name": "calculator", "content": {"expression": "6*7", "result": 42}}'),
    ).toEqual({ kind: 'json', value: { expression: '6*7', result: 42 } });
    expect(readResult('{"name": "lookup_city", "content": "Paris, pop. 2.1M"}')).toEqual({
      kind: 'text',
      text: 'Paris, pop. 2.1M',
    });
    expect(readResult('{"name": "lookup_city", "content": "{\\"pop\\": 2}"}')).toEqual({
      kind: 'json',
      value: { pop: 2 },
    });
  });

  it('shows other JSON as a tree and anything else as text', () => {
    expect(readResult('{"a": 1}')).toEqual({ kind: 'json', value: { a: 1 } });
    expect(readResult('There was an error')).toEqual({ kind: 'text', text: 'There was an error' });
    expect(readResult('42')).toEqual({ kind: 'text', text: '42' });
    expect(readResult(null)).toBeNull();
  });
});
