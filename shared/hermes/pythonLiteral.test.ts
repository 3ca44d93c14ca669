import { describe, expect, it } from 'vitest';
import { loadGoldens } from './fixtures/loadFixtures';
import { parsePythonLiteral, PythonLiteralError } from './index';

const goldens = loadGoldens();

describe('parsePythonLiteral equals ast.literal_eval (goldens)', () => {
  for (const { source, json } of goldens.literals) {
    it(source.slice(0, 60), () => {
      expect(parsePythonLiteral(source)).toEqual(JSON.parse(json));
    });
  }
});

describe('parsePythonLiteral leniency and errors', () => {
  it('accepts JSON keywords mixed with Python quotes', () => {
    expect(parsePythonLiteral("{'a': true, 'b': null, \"c\": False}")).toEqual({
      a: true,
      b: null,
      c: false,
    });
  });

  it('accepts a raw newline inside a quoted string', () => {
    expect(parsePythonLiteral("{'code': 'line1\nline2'}")).toEqual({ code: 'line1\nline2' });
  });

  it.each([
    ["{'a': 1", 'Unexpected end of input'],
    ["{'a' 1}", 'Expected "," or "}"'],
    ["{'a': 1, 'b' 2}", 'Expected ":" after dict key'],
    ["{'a': 'unterminated}", 'Unterminated string'],
    ["{'a': os.system('x')}", 'Unexpected "os"'],
    ["{'a': 1} trailing", 'Unexpected text after the value'],
    ["{'a': '\\N{BULLET}'}", '\\N{...}'],
    ["{('t',): 1}", 'Unsupported dict key'],
  ])('rejects %s', (source, message) => {
    expect(() => parsePythonLiteral(source)).toThrow(PythonLiteralError);
    expect(() => parsePythonLiteral(source)).toThrow(message);
  });
});
