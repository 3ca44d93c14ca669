import { describe, expect, it } from 'vitest';
import type { ConversationListEntry } from '../../../../shared/contract';
import { dateGroup, sidebarRows } from './sidebarRows';

const NOW = new Date(2025, 5, 15, 14, 0).getTime();
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m, d, h).getTime();

const entry = (id: string, updatedAt: number, pinned = false): ConversationListEntry => ({
  id,
  title: id,
  createdAt: updatedAt,
  updatedAt,
  messageCount: 1,
  preview: '',
  pinned,
});

describe('dateGroup', () => {
  it.each([
    [at(2025, 5, 15, 0), 'Today'],
    [at(2025, 5, 14, 23), 'Yesterday'],
    [at(2025, 5, 14, 0), 'Yesterday'],
    [at(2025, 5, 9), 'Previous 7 days'],
    [at(2025, 4, 20), 'Previous 30 days'],
    [at(2025, 1, 3), 'February'],
    [at(2024, 10, 3), 'November 2024'],
  ])('groups %s as %s', (then, label) => expect(dateGroup(then, NOW)).toBe(label));
});

describe('sidebarRows', () => {
  it('puts pinned first, then one header per date group', () => {
    const rows = sidebarRows(
      [
        entry('p', at(2024, 0, 1), true),
        entry('a', at(2025, 5, 15)),
        entry('b', at(2025, 5, 15, 1)),
        entry('c', at(2025, 5, 14)),
        entry('d', at(2025, 1, 1)),
      ],
      NOW,
    );
    expect(rows.map((r) => (r.kind === 'header' ? `# ${r.label}` : r.item.id))).toEqual([
      '# Pinned',
      'p',
      '# Today',
      'a',
      'b',
      '# Yesterday',
      'c',
      '# February',
      'd',
    ]);
  });

  it('handles 5,000 conversations in one pass', () => {
    const items = Array.from({ length: 5000 }, (_, i) => entry(`c${i}`, NOW - i * 3_600_000));
    const started = performance.now();
    const rows = sidebarRows(items, NOW);
    expect(performance.now() - started).toBeLessThan(100);
    expect(rows.filter((r) => r.kind === 'item')).toHaveLength(5000);
  });
});
