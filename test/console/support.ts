import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../src/domain/clock.ts';
import { cliContext } from '../../src/domain/context.ts';
import { listAuditEvents } from '../../src/storage/repositories/audit-events.ts';
import { createBrowser, type Browser, type Page } from '../support/browser.ts';
import { GROUP_SCHEMA, startScimServer, USER_SCHEMA, type ScimServer } from '../support/scim.ts';

export const ORIGIN = 'https://provisio.test';
export const operator = cliContext('test');

/** The CSRF token a console page's forms carry. */
export function csrfOf(page: Page): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page.body);
  assert.ok(match, `a CSRF field on ${page.url} (status ${page.status})`);
  return match[1];
}

/** The named fields of the page's form that posts to `action` (the first form is the header's sign-out). */
export function formFields(page: Page, action: string): Record<string, string> {
  for (const form of page.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if (!form[1].includes(`action="${action}"`)) continue;
    const fields: Record<string, string> = {};
    for (const input of form[2].matchAll(/<input\b[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/g)) fields[input[1]] = input[2].replace(/&amp;/g, '&');
    return fields;
  }
  throw new Error(`no form posting to ${action} on ${page.url}`);
}

/** A SCIM-ready server (enterprise `acme`, owner `alice`) and a browser signed in as alice with her one-time link. */
export interface ConsoleWorld {
  readonly scim: ScimServer;
  readonly owner: Browser;
  readonly enterpriseId: string;
  /** A new browser signed in with a one-time link as the owner `login` (who must be an active owner). */
  signedInAs(login: string): Promise<Browser>;
  /** POSTs a console form as `browser` (following redirects), with the token of its session unless `csrf` is given. */
  post(browser: Browser, path: string, fields?: Record<string, string>, csrf?: string): Promise<Page>;
  /** The same, answered as is (no redirect followed); `csrf: null` sends no token. */
  submit(browser: Browser, path: string, fields?: Record<string, string>, csrf?: string | null): Promise<LightMyRequestResponse>;
  /** A SCIM user `name@acme.example`; returns its SCIM id. */
  provision(name: string, extra?: Record<string, unknown>): Promise<string>;
  /** A SCIM group; returns its id. */
  pushGroup(displayName: string, memberIds: readonly string[]): Promise<string>;
  auditCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startConsoleWorld(kind: 'sqlite' | 'postgres', options: { clock?: Clock } = {}): Promise<ConsoleWorld> {
  const scim = await startScimServer(kind, options);
  const services = scim.services();
  const signedInAs = async (login: string): Promise<Browser> => {
    const browser = createBrowser({ app: scim.server.app, origin: ORIGIN });
    const link = await services.signInLinks.issueForOwner('acme', login, operator);
    const landed = await browser.submit(await browser.get(link.url));
    assert.equal(landed.status, 200, landed.body.slice(0, 300));
    return browser;
  };
  const owner = await signedInAs('alice');
  const tokenOf = async (browser: Browser) => csrfOf(await browser.get('/enterprises/acme'));
  return {
    scim,
    owner,
    enterpriseId: scim.enterpriseId,
    signedInAs,
    async post(browser, path, fields = {}, csrf) {
      return browser.post(path, { _csrf: csrf ?? (await tokenOf(browser)), ...fields });
    },
    async submit(browser, path, fields = {}, csrf) {
      const token: Record<string, string> = csrf === null ? {} : { _csrf: csrf ?? (await tokenOf(browser)) };
      return scim.server.app.inject({
        method: 'POST',
        url: path,
        headers: { cookie: `provisio_session=${browser.cookie('provisio.test', 'provisio_session')}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...token, ...fields }).toString(),
      });
    },
    async provision(name, extra = {}) {
      const response = await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: `${name}@acme.example`, emails: [{ value: `${name}@acme.example`, primary: true }], ...extra });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().id as string;
    },
    async pushGroup(displayName, memberIds) {
      const response = await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((value) => ({ value })) });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().id as string;
    },
    async auditCount() {
      return (await listAuditEvents(scim.server.runtime.store.db, scim.enterpriseId, { limit: 100_000 })).length;
    },
    close: () => scim.server.close(),
  };
}
