import type { FastifyInstance } from 'fastify';

/**
 * A minimal browser for end-to-end tests: keeps cookies per host, follows redirects, reads forms and submits them
 * (an IdP's auto-posting form included). Requests to `origin` go to the Fastify app in-process (`inject`); all
 * others, such as the test IdP on loopback, over real HTTP.
 */

export interface Page {
  readonly url: string;
  readonly status: number;
  readonly body: string;
  /** Every `Set-Cookie` header seen while loading this page, redirects included. */
  readonly setCookies: readonly string[];
}

export interface Form {
  readonly action: string;
  readonly method: string;
  readonly fields: Readonly<Record<string, string>>;
}

interface Cookie {
  readonly value: string;
  readonly expires: number | undefined;
}

const MAX_REDIRECTS = 10;

export function createBrowser({ app, origin }: { app: FastifyInstance; origin: string }) {
  const jar = new Map<string, Map<string, Cookie>>();

  function cookieHeader(url: URL): string | undefined {
    const cookies = jar.get(url.host);
    if (!cookies) return undefined;
    const now = Date.now();
    const pairs = [...cookies].filter(([, c]) => c.expires === undefined || c.expires > now).map(([name, c]) => `${name}=${c.value}`);
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  function storeCookies(url: URL, headers: readonly string[]): void {
    const cookies = jar.get(url.host) ?? new Map<string, Cookie>();
    jar.set(url.host, cookies);
    for (const header of headers) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let expires: number | undefined;
      for (const attribute of attributes) {
        const [key, val = ''] = attribute.split('=');
        if (key.toLowerCase() === 'expires') expires = Date.parse(val);
        if (key.toLowerCase() === 'max-age') expires = Date.now() + Number(val) * 1000;
      }
      if (value === '' || (expires !== undefined && expires <= Date.now())) cookies.delete(name);
      else cookies.set(name, { value, expires });
    }
  }

  async function fetchOnce(url: URL, method: string, body: string | undefined): Promise<{ status: number; location: string | undefined; body: string; setCookies: string[] }> {
    const headers: Record<string, string> = {};
    const cookie = cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (url.origin === origin) {
      const response = await app.inject({ method: method as 'GET' | 'POST', url: `${url.pathname}${url.search}`, headers, payload: body });
      const raw = response.headers['set-cookie'];
      const setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      return { status: response.statusCode, location: response.headers.location as string | undefined, body: response.body, setCookies };
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location') ?? undefined, body: await response.text(), setCookies: response.headers.getSetCookie() };
  }

  async function navigate(start: string, method: string, body: string | undefined): Promise<Page> {
    let url = new URL(start, origin);
    const setCookies: string[] = [];
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const response = await fetchOnce(url, method, body);
      storeCookies(url, response.setCookies);
      setCookies.push(...response.setCookies);
      if (response.status >= 300 && response.status < 400 && response.location) {
        url = new URL(response.location, url);
        if (response.status !== 307 && response.status !== 308) [method, body] = ['GET', undefined];
        continue;
      }
      return { url: url.href, status: response.status, body: response.body, setCookies };
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${start}`);
  }

  return {
    get: (url: string): Promise<Page> => navigate(url, 'GET', undefined),
    post: (url: string, fields: Record<string, string>): Promise<Page> => navigate(url, 'POST', new URLSearchParams(fields).toString()),

    /** Submits the first form of `page`, with `fields` filled in over the form's own. */
    submit(page: Page, fields: Record<string, string> = {}): Promise<Page> {
      const form = readForm(page);
      const action = new URL(form.action || page.url, page.url).href;
      const data = new URLSearchParams({ ...form.fields, ...fields }).toString();
      return form.method === 'post' ? navigate(action, 'POST', data) : navigate(`${action}?${data}`, 'GET', undefined);
    },

    /** A cookie's value for a host, if the browser holds it. */
    cookie: (host: string, name: string): string | undefined => jar.get(host)?.get(name)?.value,
    clearCookies: (): void => jar.clear(),
  };
}

export type Browser = ReturnType<typeof createBrowser>;

/** The first form of a page: its action, method and the values of its named inputs. */
export function readForm(page: Page): Form {
  const match = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(page.body);
  if (!match) throw new Error(`no form on ${page.url} (status ${page.status}): ${page.body.slice(0, 300)}`);
  const formAttributes = attributesOf(match[1]);
  const fields: Record<string, string> = {};
  for (const input of match[2].matchAll(/<input\b([^>]*)>/gi)) {
    const attributes = attributesOf(input[1]);
    if (attributes.name !== undefined) fields[attributes.name] = attributes.value ?? '';
  }
  return { action: formAttributes.action ?? '', method: (formAttributes.method ?? 'get').toLowerCase(), fields };
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[match[1].toLowerCase()] = decodeEntities(match[2] ?? match[3]);
  return attributes;
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}
