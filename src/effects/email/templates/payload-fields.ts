/** A stored payload that its template cannot use: retrying would not help, so the message fails at once. */
export class EmailPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailPayloadError';
  }
}

type Payload = Readonly<Record<string, unknown>>;

/** A non-blank string field. */
export function textField(payload: Payload, name: string): string {
  const value = payload[name];
  if (typeof value !== 'string' || value.trim() === '') throw new EmailPayloadError(`the payload has no "${name}"`);
  return value;
}

export function optionalTextField(payload: Payload, name: string): string | undefined {
  return payload[name] === undefined || payload[name] === null ? undefined : textField(payload, name);
}

/** An http(s) URL: links in emails never carry another scheme, whatever a payload says. */
export function urlField(payload: Payload, name: string): string {
  const value = textField(payload, name);
  if (!/^https?:\/\/[^\s]+$/i.test(value)) throw new EmailPayloadError(`"${name}" is not an http(s) URL`);
  return value;
}

export function optionalUrlField(payload: Payload, name: string): string | undefined {
  return payload[name] === undefined || payload[name] === null ? undefined : urlField(payload, name);
}

/** An ISO-8601 instant. */
export function instantField(payload: Payload, name: string): string {
  const value = textField(payload, name);
  if (Number.isNaN(Date.parse(value))) throw new EmailPayloadError(`"${name}" is not a date and time`);
  return value;
}
