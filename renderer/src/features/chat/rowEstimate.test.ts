import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/contract/types';
import { estimateRowHeight } from './rowEstimate';
import { testMessage } from './testMessage';

const msg = (role: Message['role'], content: string): Message =>
  testMessage('m', null, role, { content });

describe('estimateRowHeight', () => {
  it('grows with wrapped prose and with code lines', () => {
    const short = estimateRowHeight(msg('assistant', 'Hi'));
    const long = estimateRowHeight(msg('assistant', 'word '.repeat(400)));
    const code = estimateRowHeight(msg('assistant', '```ts\n' + 'x\n'.repeat(30) + '```'));
    expect(short).toBeGreaterThanOrEqual(80);
    expect(short).toBeLessThan(100);
    expect(long).toBeGreaterThan(short + 400);
    expect(code).toBeGreaterThan(30 * 20);
  });

  it('gives user messages a smaller frame', () => {
    expect(estimateRowHeight(msg('user', 'Hi'))).toBeLessThan(
      estimateRowHeight(msg('assistant', 'Hi')),
    );
  });
});
