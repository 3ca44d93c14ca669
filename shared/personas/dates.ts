/**
 * Date and time values for the date macros. Everything goes through Intl with an explicit locale
 * and time zone so the same `now` always gives the same text (tests pin both; the app passes the
 * user's own).
 */
export interface DateFormatOptions {
  /** BCP 47 locale for `{{date}}`, `{{time}}` and `{{weekday}}`. Default 'en-US'. */
  locale?: string;
  /** IANA time zone. Default: the runtime's own zone. */
  timeZone?: string;
}

// ICU 72+ puts a narrow no-break space before AM/PM; a tokenizer sees that as a rare byte pair,
// and moment (SillyTavern's formatter) writes a plain space.
const normalizeSpaces = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');

function format(now: Date, options: DateFormatOptions, fields: Intl.DateTimeFormatOptions): string {
  const formatter = new Intl.DateTimeFormat(options.locale ?? 'en-US', {
    ...fields,
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  return normalizeSpaces(formatter.format(now));
}

function parts(now: Date, options: DateFormatOptions): Record<string, string> {
  const formatter = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  const out: Record<string, string> = {};
  for (const part of formatter.formatToParts(now)) out[part.type] = part.value;
  return out;
}

/** moment's 'LL' in English: "January 5, 2025". */
export const formatDate = (now: Date, o: DateFormatOptions): string =>
  format(now, o, { year: 'numeric', month: 'long', day: 'numeric' });

/** moment's 'LT' in English: "3:04 PM". */
export const formatTime = (now: Date, o: DateFormatOptions): string =>
  format(now, o, { hour: 'numeric', minute: '2-digit' });

export const formatWeekday = (now: Date, o: DateFormatOptions): string =>
  format(now, o, { weekday: 'long' });

/** "2025-01-05", in the configured zone (not UTC, unlike toISOString). */
export function formatIsoDate(now: Date, o: DateFormatOptions): string {
  const p = parts(now, o);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "15:04", 24-hour, in the configured zone. */
export function formatIsoTime(now: Date, o: DateFormatOptions): string {
  const p = parts(now, o);
  return `${p.hour}:${p.minute}`;
}

/** `{{time_UTC+2}}`: the time at a fixed offset from UTC, whatever the configured zone. */
export function formatTimeAtUtcOffset(
  now: Date,
  offsetHours: number,
  o: DateFormatOptions,
): string {
  const shifted = new Date(now.getTime() + offsetHours * 3_600_000);
  return formatTime(shifted, { ...o, timeZone: 'UTC' });
}
