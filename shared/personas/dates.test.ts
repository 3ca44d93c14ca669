import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatIsoTime, formatTime, formatTimeAtUtcOffset } from './dates';

describe('date formatting', () => {
  const lateNight = new Date(Date.UTC(2024, 11, 31, 23, 30));

  it('uses the configured zone for ISO values, not UTC', () => {
    expect(formatIsoDate(lateNight, { timeZone: 'UTC' })).toBe('2024-12-31');
    expect(formatIsoDate(lateNight, { timeZone: 'Europe/Paris' })).toBe('2025-01-01');
    expect(formatIsoTime(lateNight, { timeZone: 'America/New_York' })).toBe('18:30');
  });

  it('writes midnight as 00, and a plain space before AM/PM', () => {
    const midnight = new Date(Date.UTC(2025, 0, 1, 0, 5));
    expect(formatIsoTime(midnight, { timeZone: 'UTC' })).toBe('00:05');
    expect(formatTime(midnight, { timeZone: 'UTC' })).toBe('12:05 AM');
  });

  it('shifts {{time_UTC±N}} from UTC whatever the zone', () => {
    expect(formatTimeAtUtcOffset(lateNight, 3, { timeZone: 'Asia/Tokyo' })).toBe('2:30 AM');
    expect(formatTimeAtUtcOffset(lateNight, -10, {})).toBe('1:30 PM');
  });
});
