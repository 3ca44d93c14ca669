import { describe, expect, it } from 'vitest';
import { TalariaError } from '../contract/errors';
import { newestBranchLeaf, orderParentsFirst } from './tree';

const failAt = (where: string) => (problem: string) =>
  new TalariaError('INVALID_INPUT', `${where}: ${problem}`);

const n = (id: string, parentId: string | null, createdAt = 0) => ({ id, parentId, createdAt });

function errorOf(fn: () => unknown): TalariaError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TalariaError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('orderParentsFirst', () => {
  it('puts parents before replies and keeps sibling order', () => {
    const input = [n('c', 'b'), n('b2', 'a'), n('b', 'a'), n('a', null), n('r2', null)];
    expect(orderParentsFirst(input, failAt('x')).map((m) => m.id)).toEqual([
      'a',
      'b2',
      'b',
      'c',
      'r2',
    ]);
  });

  it('names a duplicate id', () => {
    const e = errorOf(() =>
      orderParentsFirst([n('a', null), n('a', null)], failAt('conversations[1]')),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('conversations[1]: message id "a" appears twice');
  });

  it('names a reply whose parent is missing', () => {
    const e = errorOf(() => orderParentsFirst([n('a', null), n('b', 'ghost')], failAt('where')));
    expect(e.message).toBe('where: message "b" replies to "ghost", which is not in the file');
  });

  it('names the messages of a cycle, even one hanging off a tail', () => {
    expect(errorOf(() => orderParentsFirst([n('a', 'a')], failAt('w'))).message).toMatch(
      /^w: messages "a" form a cycle/,
    );
    const e = errorOf(() =>
      orderParentsFirst(
        [n('root', null), n('tail', 'x'), n('x', 'y'), n('y', 'z'), n('z', 'x')],
        failAt('w'),
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/^w: messages "x" → "y" → "z" form a cycle of replies/);
  });

  it('handles a 100,000-deep chain without recursion', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => n(`m${i}`, i ? `m${i - 1}` : null));
    const ordered = orderParentsFirst(chain.slice().reverse(), failAt('w'));
    expect(ordered[0]?.id).toBe('m0');
    expect(ordered.at(-1)?.id).toBe('m99999');
  });
});

describe('newestBranchLeaf', () => {
  it('follows the newest reply from the newest root', () => {
    const msgs = [
      n('r', null, 1),
      n('a', 'r', 2),
      n('b', 'r', 5),
      n('b1', 'b', 6),
      n('a1', 'a', 9),
    ];
    expect(newestBranchLeaf(msgs)).toBe('b1');
    expect(newestBranchLeaf([])).toBeNull();
  });
});
