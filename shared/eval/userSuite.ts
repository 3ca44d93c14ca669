import { z } from 'zod';
import { TalariaError } from '../contract/errors';
import type { EvalCase, Expected } from './types';

const message = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
});

const fn = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

const expectedCall = z.object({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.array(z.unknown())),
});

const line = z
  .object({
    id: z.string().min(1),
    category: z.string().min(1).optional(),
    messages: z.array(message).min(1).optional(),
    question: z.string().min(1).optional(),
    tools: z.array(
      z.union([z.object({ type: z.literal('function').optional(), function: fn }), fn]),
    ),
    expected: z.union([z.literal('no_call'), z.literal('any_call'), z.array(expectedCall).min(1)]),
  })
  .refine((c) => (c.messages === undefined) !== (c.question === undefined), {
    message: 'give either "messages" or "question"',
  });

export type UserSuiteLine = z.input<typeof line>;

/**
 * Reads a user suite: JSON Lines, one case per line (see shared/eval/README.md). Every line is
 * checked; the first bad one is reported with its line number and nothing is returned.
 */
export function parseUserSuite(text: string, suite: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const ids = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const where = `${suite}, line ${index + 1}`;
    const fail = (why: string): never => {
      throw new TalariaError('INVALID_INPUT', `${where}: ${why}`);
    };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      fail(`not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = line.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(`${issue?.path.join('.') || 'case'}: ${issue?.message ?? 'invalid'}`);
    }
    const c = parsed.data;
    if (ids.has(c.id)) fail(`the id "${c.id}" is used twice`);
    ids.add(c.id);
    const tools = c.tools.map((t) => {
      const f = 'function' in t ? t.function : t;
      return {
        type: 'function' as const,
        function: {
          name: f.name,
          description: f.description ?? '',
          parameters: f.parameters ?? { type: 'object', properties: {} },
        },
      };
    });
    let expected: Expected;
    if (c.expected === 'no_call') expected = { kind: 'no-call' };
    else if (c.expected === 'any_call') expected = { kind: 'any-call' };
    else {
      for (const call of c.expected) {
        if (!tools.some((t) => t.function.name === call.name)) {
          fail(`the expected call "${call.name}" is not one of the case's tools`);
        }
      }
      expected = { kind: 'calls', calls: c.expected };
    }
    cases.push({
      id: c.id,
      category: c.category ?? suite,
      messages: c.messages ?? [{ role: 'user', content: c.question ?? '' }],
      tools,
      expected,
    });
  });
  if (cases.length === 0)
    throw new TalariaError('INVALID_INPUT', `${suite}: the suite has no cases.`);
  return cases;
}
