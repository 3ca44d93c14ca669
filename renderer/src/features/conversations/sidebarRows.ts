import type { ConversationListEntry } from '../../../../shared/contract';

export type SidebarRow =
  | { kind: 'header'; key: string; label: string }
  | { kind: 'item'; key: string; item: ConversationListEntry };

const DAY = 86_400_000;
// Plain names instead of Intl: grouping 5,000 rows must take a few milliseconds.
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The date group of a conversation's last activity, relative to `now` in local time: Today,
 * Yesterday, Previous 7 days, Previous 30 days, then the month ("March") in the current year
 * and month and year before that ("November 2024").
 */
export function dateGroup(then: number, now: number): string {
  const today = new Date(now);
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  if (then >= startOfToday) return 'Today';
  if (then >= startOfToday - DAY) return 'Yesterday';
  if (then >= startOfToday - 7 * DAY) return 'Previous 7 days';
  if (then >= startOfToday - 30 * DAY) return 'Previous 30 days';
  const date = new Date(then);
  const month = MONTHS[date.getMonth()] ?? '';
  return date.getFullYear() === today.getFullYear() ? month : `${month} ${date.getFullYear()}`;
}

/**
 * Sidebar rows: pinned conversations first under "Pinned", then the rest under date headers.
 * The list arrives pinned first and newest first, so one pass keeps the groups in order.
 */
export function sidebarRows(items: readonly ConversationListEntry[], now: number): SidebarRow[] {
  const rows: SidebarRow[] = [];
  let current: string | null = null;
  for (const item of items) {
    const group = item.pinned ? 'Pinned' : dateGroup(item.updatedAt, now);
    if (group !== current) {
      rows.push({ kind: 'header', key: `h:${group}`, label: group });
      current = group;
    }
    rows.push({ kind: 'item', key: item.id, item });
  }
  return rows;
}
