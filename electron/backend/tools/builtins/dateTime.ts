/** Date and time in IANA time zones through Intl (the ICU data Node ships), no network. */

export class DateTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateTimeError';
  }
}

export interface ZonedTime {
  timeZone: string;
  /** ISO 8601 local time with its UTC offset, e.g. 2024-03-10T03:30:00-07:00. */
  iso: string;
  date: string;
  time: string;
  weekday: string;
  /** e.g. "+05:30", "-07:00", "+00:00". */
  utcOffset: string;
  /** The same instant in UTC. */
  utc: string;
}

/** Checks an IANA zone name and returns its canonical spelling. */
export function resolveTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new DateTimeError(
      `Unknown time zone "${timeZone}". Use an IANA name such as "Europe/Paris", ` +
        '"America/New_York" or "UTC".',
    );
  }
}

/** Parses an ISO 8601 instant; a value without an offset is read as UTC. */
export function parseInstant(text: string): Date {
  const trimmed = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
  if (!iso.test(trimmed)) {
    throw new DateTimeError(`"${text}" is not an ISO 8601 date-time such as 2024-05-01T12:00:00Z.`);
  }
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed) && trimmed.length > 10;
  const date = new Date(
    hasZone ? trimmed : `${trimmed.replace(' ', 'T')}${trimmed.length > 10 ? 'Z' : ''}`,
  );
  if (Number.isNaN(date.getTime())) throw new DateTimeError(`"${text}" is not a valid date.`);
  return date;
}

/** The wall-clock time of an instant in a time zone. */
export function timeIn(instant: Date, timeZone: string): ZonedTime {
  const zone = resolveTimeZone(timeZone);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'long',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  const time = `${get('hour')}:${get('minute')}:${get('second')}`;
  const offsetMinutes = Math.round(
    (Date.UTC(
      Number(get('year')),
      Number(get('month')) - 1,
      Number(get('day')),
      Number(get('hour')),
      Number(get('minute')),
      Number(get('second')),
    ) -
      Math.floor(instant.getTime() / 1000) * 1000) /
      60_000,
  );
  const utcOffset = formatOffset(offsetMinutes);
  return {
    timeZone: zone,
    iso: `${date}T${time}${utcOffset}`,
    date,
    time,
    weekday: get('weekday'),
    utcOffset,
    utc: new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
