import { describe, expect, it } from 'vitest';
import { renderExpected, toolCallBlock } from './groundTruth';
import { scoreCase } from './scoreCase';
import { parseUserSuite } from './userSuite';

const tools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather now',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
        required: ['city'],
      },
    },
  },
];

const suite = [
  {
    id: 'w1',
    question: 'Weather in Paris?',
    tools,
    expected: [{ name: 'get_weather', arguments: { city: ['Paris'], unit: ['c', ''] } }],
  },
  { id: 'w2', messages: [{ role: 'user', content: 'Tell me a joke' }], tools, expected: 'no_call' },
]
  .map((c) => JSON.stringify(c))
  .join('\n');

describe('user suites (JSONL)', () => {
  it('reads cases that score like the shipped ones', () => {
    const cases = parseUserSuite(suite, 'mine');
    expect(cases.map((c) => [c.id, c.category, c.expected.kind])).toEqual([
      ['w1', 'mine', 'calls'],
      ['w2', 'mine', 'no-call'],
    ]);
    const [w1, w2] = cases;
    expect(scoreCase(w1!, renderExpected(w1!)).correct).toBe(true);
    expect(scoreCase(w1!, toolCallBlock('get_weather', { city: 'Rome' })).reason).toBe(
      "wrong value for city: 'Rome' not in ['Paris']",
    );
    expect(scoreCase(w2!, 'Why did the chicken…').correct).toBe(true);
  });

  it('names the line and the problem of a bad case', () => {
    expect(() =>
      parseUserSuite(`${suite}\n{"id": "w3", "question": "x", "tools": []}`, 'mine'),
    ).toThrow('mine, line 3: expected:');
    expect(() =>
      parseUserSuite(
        `${suite}\n{"id": "w1", "question": "x", "tools": [], "expected": "no_call"}`,
        'mine',
      ),
    ).toThrow('mine, line 3: the id "w1" is used twice');
    const unknown = JSON.stringify({
      id: 'w4',
      question: 'x',
      tools,
      expected: [{ name: 'nope', arguments: {} }],
    });
    expect(() => parseUserSuite(unknown, 'mine')).toThrow(
      'the expected call "nope" is not one of the case\'s tools',
    );
    expect(() => parseUserSuite('not json', 'mine')).toThrow('mine, line 1: not JSON');
  });
});
