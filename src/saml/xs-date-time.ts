import { samlError } from './saml-error.ts';

// xs:dateTime as SAML requires it (SAML core §1.3.3: UTC, "Z"); offsets are tolerated since some IdPs send them.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant an xs:dateTime attribute names; anything else is a malformed response. */
export function parseDateTime(value: string | undefined, what: string): Date | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const time = DATE_TIME.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(time)) throw samlError('malformed_response', `${what} is not an xs:dateTime: ${JSON.stringify(value)}`);
  return new Date(time);
}
