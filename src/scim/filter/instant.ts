/**
 * `xsd:dateTime` text (RFC 7643 §2.3.5) to milliseconds since the epoch, or undefined when it is not one.
 *
 * `Date.parse` is not used: it accepts many other shapes and reads a time without offset in the machine's own
 * zone, so results would differ between servers. Here a time without offset is UTC, `T`/`Z` may be lower case
 * (RFC 3339 §5.6), years have four digits, fractions beyond milliseconds are truncated, and out-of-range fields
 * (month 13, February 30, hour 24, offset beyond ±14:00) are rejected.
 */
export function parseInstant(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(1, 4).padEnd(3, '0'));
  const offset = m[8] === undefined || m[8].toUpperCase() === 'Z' ? 0 : offsetMinutes(m[8]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offset === undefined) return undefined;
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millis));
  date.setUTCFullYear(year, month - 1, day); // Date.UTC maps years 0–99 to 1900–1999.
  return date.getTime() - offset * 60_000;
}

// Fixed-width fields and one optional group each: matching is linear, with no backtracking blow-up.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/i;

function offsetMinutes(text: string): number | undefined {
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return undefined;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
