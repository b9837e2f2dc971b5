/**
 * Just enough MIME reading (RFC 2045–2047) to check what reached the SMTP server: headers unfolded and
 * encoded words decoded, parts of a multipart body, bodies decoded from quoted-printable or base64.
 */
export interface MimePart {
  /** Header values by lowercase name, unfolded and decoded. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
  readonly parts: readonly MimePart[];
}

/** `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` words (RFC 2047 §4); whitespace between two words is dropped (§6.2). */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qBytes(text);
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    });
}

function qBytes(text: string): Buffer {
  return quotedPrintableBytes(text.replace(/_/g, ' '));
}

function quotedPrintableBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return quotedPrintableBytes(body.replace(/=\r?\n/g, '')).toString('utf8');
    default:
      return body;
  }
}

export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    const parts = sections.filter((s) => !s.startsWith('--')).map((s) => parseMime(s.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    return { headers, body: '', parts };
  }
  return { headers, body: decodeBody(body, headers.get('content-transfer-encoding')), parts: [] };
}

/** The first part, at any depth, whose type starts with `type`. */
export function findPart(part: MimePart, type: string): MimePart | undefined {
  if ((part.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type)) return part;
  for (const child of part.parts) {
    const found = findPart(child, type);
    if (found) return found;
  }
  return undefined;
}
