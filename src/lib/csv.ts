/**
 * One CSV record (RFC 4180): fields quoted when they hold a comma, quote or line break, quotes doubled, CRLF at
 * the end. A field a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
 * return) is prefixed with `'`, so an exported log cannot run code in whoever opens it (CSV injection).
 */
export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
