import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Runtime } from '../../src/cli/command.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { cliContext } from '../../src/domain/context.ts';
import { seedEnterprise, startTestServer, type TestServer } from './server.ts';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const BULK_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A self-signed IdP certificate made with openssl; read once per test process, since openssl takes a while. */
export const testCertificate: () => string = (() => {
  let pem: string | undefined;
  return () => {
    if (pem === undefined) {
      const dir = mkdtempSync(join(tmpdir(), 'provisio-cert-'));
      try {
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=test-idp', '-days', '2', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
        pem = readFileSync(join(dir, 'c.pem'), 'utf8');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return pem;
  };
})();

/** Configures SAML and turns on "Require SCIM user provisioning": what an owner does before connecting an IdP. */
export async function makeScimReady(runtime: Runtime, slug: string): Promise<void> {
  const ctx = cliContext('test');
  await runtime.services.saml.set(slug, { ssoUrl: 'https://idp.example/sso', issuer: 'https://idp.example', certificates: testCertificate() }, ctx);
  await runtime.services.settings.set(slug, 'require_scim_provisioning', true, ctx);
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ScimServer {
  readonly server: TestServer;
  readonly token: string;
  readonly enterpriseId: string;
  /** The domain services of the server, to check what a SCIM call did to accounts. */
  services(): Runtime['services'];
  /**
   * A SCIM call with the enterprise's token; a `payload` goes as `application/scim+json`, serialized unless it is
   * a string (sent as is, so malformed JSON can be sent); `headers` override the defaults.
   */
  call(method: Method, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A server with an enterprise `acme` (owner `alice`) ready for SCIM, and its token. */
export async function startScimServer(kind: 'sqlite' | 'postgres', options: { clock?: Clock; settings?: Record<string, string> } = {}): Promise<ScimServer> {
  const server = await startTestServer(kind, options);
  const seeded = await seedEnterprise(server.runtime, 'acme', 'alice');
  await makeScimReady(server.runtime, 'acme');
  return {
    server,
    token: seeded.token,
    enterpriseId: seeded.enterprise.id,
    services: () => server.runtime.services,
    call: (method, url, payload, headers = {}) =>
      server.app.inject({
        method,
        url,
        // Like an IdP, a JSON content type only with a body (Entra ID's DELETE carries none).
        headers: { authorization: `Bearer ${seeded.token}`, ...(payload === undefined ? {} : { 'content-type': 'application/scim+json' }), ...headers },
        ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
      }),
  };
}

/** Asserts a SCIM response's status and `application/scim+json` type, and returns its JSON body. */
export function scimBody(response: LightMyRequestResponse, status: number, what = ''): Record<string, any> {
  assert.equal(response.statusCode, status, `${what} expected ${status}, got ${response.statusCode}: ${response.body}`);
  assert.match(String(response.headers['content-type']), /^application\/scim\+json/, `${what} content type`);
  return response.json();
}

/** Asserts an RFC 7644 §3.12 error response of the given status (and `scimType` when given); returns the body. */
export function scimErrorBody(response: LightMyRequestResponse, status: number, scimType?: string, what = ''): Record<string, any> {
  const body = scimBody(response, status, what);
  assert.deepEqual(body.schemas, [ERROR_SCHEMA], `${what} error schemas`);
  assert.equal(body.status, String(status), `${what} status is the HTTP status as a string`);
  assert.equal(typeof body.detail, 'string', `${what} detail is a string`);
  if (scimType !== undefined) assert.equal(body.scimType, scimType, `${what} scimType`);
  return body;
}

/** The query string of a filter, encoded as IdPs encode it (`%20`, `%22`). */
export const filterQuery = (filter: string): string => `filter=${encodeURIComponent(filter)}`;
