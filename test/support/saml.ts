import type { Clock } from '../../src/domain/clock.ts';
import { cliContext } from '../../src/domain/context.ts';
import type { SamlConfigurationInput } from '../../src/domain/saml/saml-configuration-service.ts';
import { listAuditEvents, type AuditEventRow } from '../../src/storage/repositories/audit-events.ts';
import { createBrowser, type Browser, type Page } from './browser.ts';
import { generateTestKeys, type TestKeys } from './saml-keys.ts';
import { startTestIdp, type Signing, type TestIdp, type TestIdpUser } from './saml-idp.ts';
import { seedEnterprise, startTestServer, type TestServer } from './server.ts';

export const ORIGIN = 'https://provisio.test';

/** Our server with enterprise `acme` (owner `alice`), a test IdP on loopback configured as its IdP, and a browser. */
export interface SamlScenario {
  readonly server: TestServer;
  readonly idp: TestIdp;
  readonly keys: TestKeys;
  readonly browser: Browser;
  readonly enterpriseId: string;
  /** Saves acme's SAML configuration for the test IdP, with `overrides`. */
  configure(overrides?: Partial<SamlConfigurationInput>): Promise<void>;
  /** The whole SP-initiated flow: our sign-in start → IdP login form → IdP's auto-posted response → our ACS → `returnTo`. */
  signIn(username: string, returnTo?: string, browser?: Browser): Promise<Page>;
  /** The enterprise's audit events with this action, newest first. */
  audit(action: string): Promise<AuditEventRow[]>;
  newBrowser(): Browser;
  close(): Promise<void>;
}

export async function startSamlScenario(kind: 'sqlite' | 'postgres', options: { clock?: Clock; users?: Record<string, TestIdpUser>; keys?: TestKeys; signing?: Signing } = {}): Promise<SamlScenario> {
  const server = await startTestServer(kind, { clock: options.clock });
  const seeded = await seedEnterprise(server.runtime, 'acme', 'alice');
  const keys = options.keys ?? generateTestKeys('test-idp');
  const metadata = await server.app.inject({ method: 'GET', url: '/saml/acme/metadata' });
  const idp = await startTestIdp({ spMetadata: metadata.body, keys, users: options.users, signing: options.signing });
  const newBrowser = () => createBrowser({ app: server.app, origin: ORIGIN });
  const browser = newBrowser();
  const scenario: SamlScenario = {
    server,
    idp,
    keys,
    browser,
    enterpriseId: seeded.enterprise.id,
    async configure(overrides = {}) {
      await server.runtime.services.saml.set('acme', { ssoUrl: idp.ssoUrl, issuer: idp.entityId, certificates: keys.certificate, ...overrides }, cliContext('test'));
    },
    async signIn(username, returnTo = '/enterprises/acme/session', using = browser) {
      const login = await using.get(`/saml/acme/sign-in?return_to=${encodeURIComponent(returnTo)}`);
      if (!login.url.startsWith(idp.ssoUrl)) return login;
      const posting = await using.submit(login, { username, password: 'secret' });
      return using.submit(posting);
    },
    audit: (action) => listAuditEvents(server.runtime.store.db, seeded.enterprise.id, { action, limit: 100 }),
    newBrowser,
    async close() {
      await idp.close();
      await server.close();
    },
  };
  return scenario;
}

/** The reason recorded by the newest `saml.refused` event. */
export async function lastRefusal(scenario: SamlScenario): Promise<{ reason: string; detail: string } | undefined> {
  const [event] = await scenario.audit('saml.refused');
  return event && JSON.parse(event.details);
}
