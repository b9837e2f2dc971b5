import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from '../../support/scim.ts';
import { startTestIdp, type TestIdp, type TestIdpUser } from '../../support/saml-idp.ts';
import { generateTestKeys, type TestKeys } from '../../support/saml-keys.ts';

/**
 * The identity provider's side of a journey: a real SAML IdP on loopback (samlify) for sign-ins, and a SCIM
 * client that calls our server over HTTP with the token the owner pasted into it.
 */
export interface IdentityProvider {
  readonly saml: TestIdp;
  readonly keys: TestKeys;
  /** Set once the owner has created a token. */
  token: string | undefined;
  scim(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  createUser(name: string): Promise<string>;
  deactivate(id: string): Promise<void>;
  createGroup(displayName: string, memberIds: readonly string[]): Promise<string>;
  removeFromGroup(groupId: string, memberId: string): Promise<void>;
  /** Signs `username` in at the IdP's login form, in a page already sent there. */
  signIn(page: Page, username: string): Promise<void>;
  close(): Promise<void>;
}

export async function startIdentityProvider(serverUrl: string, slug: string, users: Record<string, TestIdpUser>): Promise<IdentityProvider> {
  const keys = generateTestKeys('journey-idp');
  const metadata = await (await fetch(`${serverUrl}/saml/${slug}/metadata`)).text();
  const saml = await startTestIdp({ spMetadata: metadata, keys, users });
  const idp: IdentityProvider = {
    saml,
    keys,
    token: undefined,
    async scim(method, path, body) {
      assert.ok(idp.token, 'the IdP has been given a token');
      const response = await fetch(`${serverUrl}/scim/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${idp.token}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async createUser(name) {
      const created = await idp.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `${name}@acme.example`, name: { givenName: name[0].toUpperCase() + name.slice(1), familyName: 'Example' }, emails: [{ value: `${name}@acme.example`, type: 'work', primary: true }], active: true });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.id;
    },
    async deactivate(id) {
      // As Entra ID sends it: a capitalised operation and a boolean as a string.
      const patched = await idp.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
    },
    async createGroup(displayName, memberIds) {
      const created = await idp.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((value) => ({ value })) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.id;
    },
    async removeFromGroup(groupId, memberId) {
      const patched = await idp.scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'remove', path: `members[value eq "${memberId}"]` }] });
      assert.ok(patched.status === 200 || patched.status === 204, JSON.stringify(patched.body));
    },
    async signIn(page, username) {
      await page.waitForURL(`${saml.ssoUrl}**`);
      await page.locator('input[name="username"]').fill(username);
      await page.locator('input[name="password"]').fill('secret');
      await page.locator('button', { hasText: 'Sign in' }).click();
    },
    close: () => saml.close(),
  };
  return idp;
}
