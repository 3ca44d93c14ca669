import { describe, expect, it } from 'vitest';
import { findJsonError } from './jsonError';
import {
  choiceFromValue,
  choiceValue,
  lineAndColumn,
  parseSchemaText,
  toggleTool,
  toolNameProblem,
} from './toolForm';

describe('toolNameProblem', () => {
  it('accepts identifiers and explains what is wrong with the rest', () => {
    expect(toolNameProblem('lookup_city', [])).toBeNull();
    expect(toolNameProblem('_x9', [])).toBeNull();
    expect(toolNameProblem('', [])).toMatch(/name/);
    expect(toolNameProblem('9lives', [])).toMatch(/not starting with a digit/);
    expect(toolNameProblem('look up', [])).toMatch(/letters, digits and _/);
    expect(toolNameProblem('a'.repeat(65), [])).toMatch(/64/);
    expect(toolNameProblem('calculator', ['calculator'])).toBe(
      'There is already a tool called "calculator".',
    );
  });
});

describe('parseSchemaText', () => {
  it('returns the schema object', () => {
    expect(parseSchemaText('{"type": "object"}')).toEqual({
      ok: true,
      schema: { type: 'object' },
    });
  });

  it('points at the line and column of a syntax error', () => {
    const result = parseSchemaText('{\n  "type": "object",\n  "properties": {,}\n}');
    expect(result).toEqual({
      ok: false,
      message: 'Expected a property name in double quotes but found ",".',
      line: 3,
      column: 18,
    });
  });

  it('rejects empty text and non-objects', () => {
    expect(parseSchemaText('  ')).toMatchObject({ ok: false, message: 'The schema is empty.' });
    expect(parseSchemaText('[1]')).toMatchObject({ ok: false, message: /is an object/ });
  });
});

describe('findJsonError', () => {
  it('agrees with JSON.parse on valid text', () => {
    for (const text of [
      '{}',
      '[]',
      '"a\\u00e9\\n"',
      '-1.5e3',
      '{"a": [true, false, null]}',
      ' 0 ',
    ]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonError(text)).toBeNull();
    }
  });

  it('finds the first error and names it', () => {
    expect(findJsonError('{"a": 1,}')).toEqual({
      offset: 8,
      message: 'Trailing comma before "}".',
    });
    expect(findJsonError('{"a": 1')).toEqual({
      offset: 7,
      message: 'Expected "," or "}" but found the end of the text.',
    });
    expect(findJsonError("{'a': 1}")?.message).toBe(
      'Expected a property name in double quotes but found "\'".',
    );
    expect(findJsonError('{"a": "x\n"}')?.message).toMatch(/not closed on its line/);
    expect(findJsonError('[1, 2] x')).toEqual({
      offset: 7,
      message: 'Unexpected "x" after the end of the JSON.',
    });
    expect(findJsonError('{"a": tru}')?.offset).toBe(6);
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('tool choice', () => {
  it('round-trips through the select value', () => {
    for (const choice of ['auto', 'none', 'required', { name: 'lookup_city' }] as const) {
      expect(choiceFromValue(choiceValue(choice))).toEqual(choice);
    }
  });

  it('falls back to auto when the named tool is switched off', () => {
    expect(toggleTool(['a', 'b'], { name: 'b' }, 'b', false)).toEqual({
      enabled: ['a'],
      toolChoice: 'auto',
    });
    expect(toggleTool(['a'], 'required', 'c', true)).toEqual({
      enabled: ['a', 'c'],
      toolChoice: 'required',
    });
    expect(toggleTool(['a'], { name: 'a' }, 'a', true).toolChoice).toEqual({ name: 'a' });
  });
});
