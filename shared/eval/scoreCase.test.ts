import { describe, expect, it } from 'vitest';
import { bfclTool } from './bfclTools';
import { scoreCase, summarize } from './scoreCase';
import { toolCallBlock } from './groundTruth';
import type { EvalCase, ExpectedCall } from './types';

const weather = bfclTool({
  name: 'weather.get',
  description: 'Current weather.',
  parameters: {
    type: 'dict',
    required: ['city'],
    properties: {
      city: { type: 'string', description: 'City' },
      unit: { type: 'string', description: 'Unit' },
      days: { type: 'integer', description: 'Days' },
      lat: { type: 'float', description: 'Latitude' },
      tags: { type: 'array', items: { type: 'string' }, description: 'Tags' },
      prefs: { type: 'dict', description: 'Prefs', properties: { size: { type: 'string' } } },
    },
  },
});

function testCase(calls: ExpectedCall[] | 'no-call'): EvalCase {
  return {
    id: 't1',
    category: 'unit',
    messages: [{ role: 'user', content: 'Weather?' }],
    tools: [weather],
    expected: calls === 'no-call' ? { kind: 'no-call' } : { kind: 'calls', calls },
  };
}

const paris: ExpectedCall = {
  name: 'weather.get',
  arguments: {
    city: ['Paris, France', 'Paris'],
    unit: ['fahrenheit', ''],
    lat: [48],
    tags: [['Sunny Day'], ''],
    prefs: [{ size: ['large'], milk: ['oat', ''] }, ''],
  },
};

const score = (c: EvalCase, ...calls: Array<Record<string, unknown>>) =>
  scoreCase(
    c,
    calls
      .map((args) => toolCallBlock(String(args.name), args.arguments as Record<string, unknown>))
      .join('\n'),
  );

describe('scoreCase', () => {
  it('applies BFCL value rules: normalised strings, int for float, optional "", nested dicts', () => {
    const c = testCase([paris]);
    const ok = score(c, {
      name: 'weather_get',
      arguments: { city: 'paris,france', lat: 48, tags: ['sunny-day'], prefs: { size: 'Large' } },
    });
    expect(ok).toMatchObject({ correct: true, reason: 'ok' });
    expect(score(c, { name: 'weather.get', arguments: { city: 'Paris', lat: 48.0 } }).correct).toBe(
      true,
    );
  });

  it('says what was wrong in words', () => {
    const c = testCase([paris]);
    const reasons = [
      { name: 'weather_get', arguments: { city: 'Paris', lat: 48, unit: 'F' } },
      { name: 'weather_get', arguments: { lat: 48 } },
      { name: 'weather_get', arguments: { city: 'Paris', lat: 48, wind: true } },
      { name: 'weather_get', arguments: { city: 'Paris', lat: 48, days: 3 } },
      { name: 'weather_get', arguments: { city: 'Paris', lat: '48' } },
      { name: 'weather_get', arguments: { city: 'Paris' } },
      { name: 'forecast', arguments: { city: 'Paris', lat: 48 } },
      { name: 'weather_get', arguments: { city: 'Paris', lat: 48, prefs: { size: 'small' } } },
    ].map((call) => score(c, call).reason);
    expect(reasons).toEqual([
      "wrong value for unit: 'F' not in ['fahrenheit', '']",
      'missing required parameter city',
      'unknown parameter wind',
      'unexpected parameter days: 3',
      "wrong type for lat: expected float, got str '48'",
      'missing parameter lat (expected one of [48])',
      'called forecast, expected weather.get',
      "wrong value for prefs.size: 'small' not in ['large']",
    ]);
  });

  it('matches parallel calls in any order and wants exactly as many', () => {
    const london: ExpectedCall = { name: 'weather.get', arguments: { city: ['London'] } };
    const c = testCase([{ name: 'weather.get', arguments: { city: ['Paris'] } }, london]);
    const p = { name: 'weather_get', arguments: { city: 'Paris' } };
    const l = { name: 'weather_get', arguments: { city: 'London' } };
    expect(score(c, l, p).correct).toBe(true);
    expect(score(c, p).reason).toBe(
      'expected 2 call(s) (weather.get, weather.get), got 1 (weather_get)',
    );
    expect(score(c, p, p).reason).toBe(
      "call 2 of 2 (weather.get): wrong value for city: 'Paris' not in ['London']",
    );
  });

  it('passes irrelevance only without any call, and fails unreadable calls', () => {
    const none = testCase('no-call');
    expect(scoreCase(none, 'I cannot check that.').correct).toBe(true);
    expect(score(none, { name: 'weather_get', arguments: { city: 'Paris' } }).reason).toBe(
      "expected no tool call, got weather_get({'city': 'Paris'})",
    );
    expect(scoreCase(none, '<tool_call>\n{oops\n</tool_call>').correct).toBe(false);
    expect(scoreCase(testCase([paris]), '<tool_call>{oops</tool_call>').reason).toMatch(
      /^unreadable tool call: /,
    );
    expect(scoreCase(testCase([paris]), 'Sunny.').reason).toBe(
      'expected a call to weather.get, got no tool call',
    );
  });

  it('summarizes per category and overall', () => {
    const c = testCase('no-call');
    const summary = summarize([
      scoreCase(c, 'no'),
      scoreCase({ ...c, category: 'b' }, toolCallBlock('x', {})),
    ]);
    expect(summary.overall).toEqual({ total: 2, correct: 1, accuracy: 0.5 });
    expect(summary.categories).toEqual({
      unit: { total: 1, correct: 1, accuracy: 1 },
      b: { total: 1, correct: 0, accuracy: 0 },
    });
  });
});
