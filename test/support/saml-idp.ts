import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as validator from '@authenio/samlify-xmllint-wasm';
import * as samlify from 'samlify';
import { escapeHtml } from '../../src/lib/html.ts';
import type { TestKeys } from './saml-keys.ts';

/**
 * A real third-party SAML identity provider on loopback: samlify acting as IdP, behind a small HTTP front with a
 * login form. samlify parses and schema-validates our AuthnRequest (HTTP-Redirect, via xmllint compiled to
 * WebAssembly), and builds and signs the Response it posts back (HTTP-POST); the front only renders its forms.
 */

export interface TestIdpUser {
  readonly nameId: string;
  /** SAML attributes by the names the service reads (`username`, `full_name`, `emails`, `administrator`, …). */
  readonly attributes?: Readonly<Partial<Record<AttributeKey, string>>>;
  /** The session lifetime the IdP grants, sent as `SessionNotOnOrAfter` (8 hours by default; null: not sent). */
  readonly sessionMs?: number | null;
}

const ATTRIBUTES = {
  username: 'username',
  fullName: 'full_name',
  emails: 'emails',
  administrator: 'administrator',
  nameClaim: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  emailClaim: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  groups: 'groups',
} as const;
export type AttributeKey = keyof typeof ATTRIBUTES;

export interface TestIdp {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly certificate: string;
  /** The PEM text to configure as the IdP's certificate. */
  readonly users: Map<string, TestIdpUser>;
  /** An IdP-initiated sign-in: the auto-posting form page the IdP would show for `username`. */
  initiate(username: string, relayState?: string): Promise<string>;
  close(): Promise<void>;
}

const TEMPLATE =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}"><saml:Issuer>{Issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="{StatusCode}"/></samlp:Status>' +
  '<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}"><saml:Issuer>{Issuer}</saml:Issuer><saml:Subject><saml:NameID Format="{NameIDFormat}">{NameID}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{SubjectConfirmationDataNotOnOrAfter}" Recipient="{SubjectRecipient}" InResponseTo="{InResponseTo}"/></saml:SubjectConfirmation></saml:Subject>' +
  '<saml:Conditions NotBefore="{ConditionsNotBefore}" NotOnOrAfter="{ConditionsNotOnOrAfter}"><saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>' +
  '<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionNotOnOrAfter="{SessionNotOnOrAfter}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>{AttributeStatement}</saml:Assertion></samlp:Response>';

/** What the IdP signs: the assertion (as our metadata asks), the whole response, or both. */
export type Signing = 'assertion' | 'response' | 'both';

const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/** Starts the IdP for one service provider, given that SP's metadata (as our server publishes it). */
export async function startTestIdp(options: { spMetadata: string; keys: TestKeys; users?: Record<string, TestIdpUser>; signing?: Signing }): Promise<TestIdp> {
  samlify.setSchemaValidator(validator);
  const users = new Map(Object.entries(options.users ?? {}));
  const requests = new Map<string, { info: { extract: { request?: { id: string } } }; relayState: string | undefined }>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${base}/metadata`;
  const signing = options.signing ?? 'assertion';
  // What the IdP signs follows the SP metadata's WantAssertionsSigned and the SP's wantMessageSigned.
  const metadata = signing === 'response' ? options.spMetadata.replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"') : options.spMetadata;
  const sp = samlify.ServiceProvider({ metadata, wantMessageSigned: signing !== 'assertion' });
  const idp = samlify.IdentityProvider({
    entityID: entityId,
    signingCert: options.keys.certificate,
    privateKey: options.keys.privateKey,
    nameIDFormat: [UNSPECIFIED],
    singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${base}/sso` }],
    singleLogoutService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${base}/slo` }],
    loginResponseTemplate: {
      context: TEMPLATE,
      attributes: Object.entries(ATTRIBUTES).map(([valueTag, name]) => ({ name, valueTag, nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified', valueXsiType: 'xs:string' })),
    },
  });

  /** The auto-posting form carrying samlify's signed response to our assertion consumer. */
  async function respond(user: TestIdpUser, requestInfo: { extract: { request?: { id: string } } } | undefined, relayState: string | undefined): Promise<string> {
    const acs = sp.entityMeta.getAssertionConsumerService('post') as string;
    const replace = (template: string) => {
      const now = new Date();
      const later = new Date(now.getTime() + 5 * 60_000).toISOString();
      const id = `_${crypto.randomUUID()}`;
      const values: Record<string, string | null> = {
        ID: id,
        AssertionID: `_${crypto.randomUUID()}`,
        Destination: acs,
        Audience: sp.entityMeta.getEntityID(),
        SubjectRecipient: acs,
        Issuer: entityId,
        IssueInstant: now.toISOString(),
        StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
        ConditionsNotBefore: now.toISOString(),
        ConditionsNotOnOrAfter: later,
        SubjectConfirmationDataNotOnOrAfter: later,
        NameIDFormat: UNSPECIFIED,
        NameID: user.nameId,
        InResponseTo: requestInfo?.extract.request?.id ?? null,
        SessionNotOnOrAfter: user.sessionMs === null ? null : new Date(now.getTime() + (user.sessionMs ?? 8 * 3_600_000)).toISOString(),
      };
      for (const key of Object.keys(ATTRIBUTES) as AttributeKey[]) values[`attr${key[0].toUpperCase()}${key.slice(1)}`] = user.attributes?.[key] ?? null;
      // A user without groups gets no `groups` attribute at all, which is not the same as an empty one (SPEC §5).
      const shaped = user.attributes?.groups === undefined ? template.replace(/<(\w+:)?Attribute\b[^>]*Name="groups"[^>]*>[\s\S]*?<\/(\w+:)?Attribute>/, '') : template;
      return { id, context: samlify.SamlLib.replaceTagsByValue(shaped, values) };
    };
    const response = (await idp.createLoginResponse(sp, (requestInfo ?? { extract: {} }) as never, 'post', { email: user.nameId }, { relayState, customTagReplacement: replace })) as { context: string; entityEndpoint: string };
    return `<!doctype html><html><body><form method="post" action="${escapeHtml(response.entityEndpoint)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(response.context)}">${relayState !== undefined ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : ''}
<noscript><button type="submit">Continue</button></noscript></form><script>document.forms[0].submit()</script></body></html>`;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', base);
    const send = (status: number, body: string): void => void response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (request.method === 'GET' && url.pathname === '/sso') {
      // samlify refuses a request that is not valid SAML (schema-checked) before the login form is shown.
      const parsed = await idp.parseLoginRequest(sp, 'redirect', { query: Object.fromEntries(url.searchParams), octetString: '' });
      const pending = crypto.randomUUID();
      requests.set(pending, { info: parsed as never, relayState: url.searchParams.get('RelayState') ?? undefined });
      return send(200, `<!doctype html><html><body><h1>Test IdP</h1><form method="post" action="/login"><input type="hidden" name="pending" value="${pending}"><input name="username"><input type="password" name="password"><button>Sign in</button></form></body></html>`);
    }
    if (request.method === 'POST' && url.pathname === '/login') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(request)));
      const user = users.get(form.username ?? '');
      const pending = requests.get(form.pending ?? '');
      if (!user || !pending) return send(401, '<!doctype html><p>Unknown user, wrong password, or no sign-in in progress.</p>');
      requests.delete(form.pending);
      return send(200, await respond(user, pending.info, pending.relayState));
    }
    send(404, 'not found');
  }

  server.on('request', (request, response) => {
    handle(request, response).catch((error: Error) => response.writeHead(400, { 'content-type': 'text/plain' }).end(`IdP refused: ${error.message ?? error}`));
  });

  return {
    entityId,
    ssoUrl: `${base}/sso`,
    certificate: options.keys.certificate,
    users,
    initiate: async (username, relayState) => respond(users.get(username)!, undefined, relayState),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
