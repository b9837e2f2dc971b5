import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { cliContext } from '../../src/domain/context.ts';
import { openRuntime } from '../../src/main.ts';
import { buildServer } from '../../src/server.ts';
import { assertionXml, encode, newId, responseXml, signAssertion, signResponse, type CraftOptions } from '../support/crafted-saml.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { generateTestKeys, type TestKeys } from '../support/saml-keys.ts';
import { manualClock, seedEnterprise, startTestServer, type TestServer } from '../support/server.ts';

const ORIGIN = 'https://provisio.test';
const ACS = `${ORIGIN}/saml/acme/acs`;
const ENTITY_ID = `${ORIGIN}/saml/acme/metadata`;
const IDP = 'https://idp.example/entity';
const MINUTE = 60_000;

const idpKeys = generateTestKeys('idp-current');
const nextKeys = generateTestKeys('idp-next');
const attackerKeys = generateTestKeys('attacker');
const signed = (xml: string, keys: TestKeys = idpKeys) => signAssertion(xml, { keys });
/** The `<saml:Assertion>…</saml:Assertion>` element of a response, as text. */
const assertionOf = (xml: string) => xml.slice(xml.indexOf('<saml:Assertion'), xml.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length);
const forged = (o: CraftOptions) => assertionXml({ ...o, nameId: 'alice@acme.example', assertionId: newId() });

/** One crafted response and the reason it must be refused for. */
interface Attack {
  readonly name: string;
  readonly reason: string;
  build(o: CraftOptions): string;
}

const ATTACKS: readonly Attack[] = [
  // XML signature wrapping and signature placement
  { name: 'wrapping: forged assertion in place, the signed one moved into Extensions', reason: 'assertion_multiple', build: (o) => responseXml(o, `${forged(o)}`).replace('<saml:Assertion', `<samlp:Extensions>${assertionOf(signed(responseXml(o)))}</samlp:Extensions><saml:Assertion`) },
  { name: "wrapping: the signed assertion inside a forged assertion's Advice", reason: 'assertion_multiple', build: (o) => responseXml(o, forged(o).replace('<saml:Conditions', `<saml:Advice>${assertionOf(signed(responseXml(o)))}</saml:Advice><saml:Conditions`)) },
  { name: 'wrapping: forged assertion reusing the signed one’s ID, placed before it', reason: 'assertion_multiple', build: (o) => { const s = signed(responseXml(o)); const id = /ID="([^"]+)"/.exec(assertionOf(s))![1]; return s.replace('<saml:Assertion', `${assertionXml({ ...o, nameId: 'alice@acme.example', assertionId: id })}<saml:Assertion`); } },
  { name: 'wrapping: the signed response nested in a forged response', reason: 'assertion_misplaced', build: (o) => { const inner = signResponse(responseXml(o), { keys: idpKeys }); return responseXml(o, '').replace('</samlp:Status>', `</samlp:Status><samlp:Extensions>${inner.replace(/^<\?xml[^>]*>/, '')}</samlp:Extensions>`); } },
  { name: 'wrapping: another element carries the signed assertion’s ID', reason: 'duplicate_id', build: (o) => { const s = signed(responseXml(o)); const id = /ID="([^"]+)"/.exec(assertionOf(s))![1]; return s.replace('<samlp:Status>', `<samlp:Extensions><x:Decoy xmlns:x="urn:x" ID="${id}"/></samlp:Extensions><samlp:Status>`); } },
  { name: "the response's signature moved into the assertion (references the response, not its parent)", reason: 'signature_reference_mismatch', build: (o) => { const s = signResponse(responseXml(o), { keys: idpKeys }); const sig = s.slice(s.indexOf('<ds:Signature'), s.indexOf('</ds:Signature>') + '</ds:Signature>'.length); const without = s.replace(sig, ''); return without.replace(/(<saml:Assertion[^>]*><saml:Issuer>[^<]*<\/saml:Issuer>)/, `$1${sig}`); } },
  { name: 'a signature placed in Extensions', reason: 'signature_misplaced', build: (o) => { const s = signResponse(responseXml(o), { keys: idpKeys }); const sig = s.slice(s.indexOf('<ds:Signature'), s.indexOf('</ds:Signature>') + '</ds:Signature>'.length); return s.replace(sig, '').replace('<samlp:Status>', `<samlp:Extensions>${sig}</samlp:Extensions><samlp:Status>`); } },
  { name: 'the assertion signed twice', reason: 'signature_misplaced', build: (o) => { const s = signed(responseXml(o)); const sig = s.slice(s.indexOf('<ds:Signature'), s.indexOf('</ds:Signature>') + '</ds:Signature>'.length); return s.replace(sig, sig + sig); } },
  { name: 'an unsigned, forged assertion inside a signed response', reason: 'signature_invalid', build: (o) => { const s = signResponse(responseXml(o), { keys: idpKeys }); return s.replace(assertionOf(s), forged(o)); } },
  { name: 'nothing signed at all', reason: 'signature_missing', build: (o) => responseXml(o) },
  // Audience, addressing, issuer
  { name: 'wrong audience', reason: 'audience_mismatch', build: (o) => signed(responseXml({ ...o, audience: 'https://other-sp.example/metadata' })) },
  { name: 'no audience restriction', reason: 'audience_mismatch', build: (o) => signed(responseXml({ ...o, audienceRestriction: '' })) },
  { name: 'wrong recipient', reason: 'recipient_mismatch', build: (o) => signed(responseXml({ ...o, recipient: 'https://other-sp.example/acs' })) },
  { name: 'wrong destination', reason: 'destination_mismatch', build: (o) => signed(responseXml({ ...o, destination: 'https://other-sp.example/acs' })) },
  { name: "another enterprise's destination on this server", reason: 'destination_mismatch', build: (o) => signed(responseXml({ ...o, destination: `${ORIGIN}/saml/globex/acs` })) },
  { name: 'no bearer subject confirmation', reason: 'subject_confirmation_missing', build: (o) => signed(responseXml({ ...o, subject: `<saml:Subject><saml:NameID>${o.nameId}</saml:NameID></saml:Subject>` })) },
  { name: 'another issuer, signed with the right key', reason: 'issuer_mismatch', build: (o) => signed(responseXml({ ...o, issuer: 'https://rogue-idp.example/entity' })) },
  // Time
  { name: 'expired', reason: 'expired', build: (o) => signed(responseXml({ ...o, notBefore: new Date(o.now.getTime() - 20 * MINUTE), notOnOrAfter: new Date(o.now.getTime() - 10 * MINUTE), subjectNotOnOrAfter: new Date(o.now.getTime() - 10 * MINUTE) })) },
  { name: 'subject confirmation expired although the conditions are not', reason: 'expired', build: (o) => signed(responseXml({ ...o, subjectNotOnOrAfter: new Date(o.now.getTime() - 4 * MINUTE) })) },
  { name: 'not yet valid', reason: 'not_yet_valid', build: (o) => signed(responseXml({ ...o, notBefore: new Date(o.now.getTime() + 10 * MINUTE), notOnOrAfter: new Date(o.now.getTime() + 20 * MINUTE) })) },
  // InResponseTo
  { name: 'unknown InResponseTo', reason: 'in_response_to_unknown', build: (o) => signed(responseXml({ ...o, inResponseTo: '_never-sent' })) },
  { name: "the assertion's InResponseTo differs from the response's", reason: 'in_response_to_mismatch', build: (o) => signed(responseXml({ ...o, subjectInResponseTo: '_another-request' })) },
  { name: 'unsolicited, while IdP-initiated sign-in is not allowed', reason: 'unsolicited_response', build: (o) => signed(responseXml({ ...o, inResponseTo: undefined })) },
  // Algorithms and keys
  { name: 'RSA-SHA1 signature while SHA-256 is configured', reason: 'algorithm_not_allowed', build: (o) => signAssertion(responseXml(o), { keys: idpKeys, signatureAlgorithm: 'sha1', digestAlgorithm: 'sha1' }) },
  { name: 'SHA-1 digest under an RSA-SHA256 signature', reason: 'algorithm_not_allowed', build: (o) => signAssertion(responseXml(o), { keys: idpKeys, signatureAlgorithm: 'sha256', digestAlgorithm: 'sha1' }) },
  { name: "signed with an attacker's key", reason: 'certificate_untrusted', build: (o) => signed(responseXml(o), attackerKeys) },
  { name: 'signature value tampered with', reason: 'signature_invalid', build: (o) => signed(responseXml(o)).replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`) },
  { name: 'NameID changed after signing', reason: 'signature_invalid', build: (o) => signed(responseXml(o)).replace('>bob@acme.example<', '>alice@acme.example<') },
  // XML tricks
  { name: 'a comment inside the signed NameID (comments are outside canonical XML)', reason: 'nameid_comment', build: (o) => signed(responseXml({ ...o, nameId: 'alice@acme.example.evil.example' })).replace('alice@acme.example.evil.example', 'alice@acme.example<!---->.evil.example') },
  { name: 'a CDATA section inside the signed NameID', reason: 'nameid_comment', build: (o) => signed(responseXml({ ...o, nameId: 'alice@acme.example.evil.example' })).replace('alice@acme.example.evil.example', 'alice@acme.example<![CDATA[.evil.example]]>') },
  { name: 'a processing instruction inside the NameID', reason: 'nameid_comment', build: (o) => signed(responseXml({ ...o, rawNameId: 'alice@acme.example<?x y?>' })) },
  { name: 'a comment inside an attribute value', reason: 'attribute_comment', build: (o) => signed(responseXml({ ...o, attributes: { username: ['alice<!-- -->-admin'] } })) },
  { name: 'a DTD with entity expansion ("billion laughs")', reason: 'xml_dtd', build: (o) => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${signed(responseXml({ ...o, nameId: '&c;' })).replace('&amp;c;', '&c;')}` },
  { name: 'an external entity (XXE)', reason: 'xml_dtd', build: (o) => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${signed(responseXml(o)).replace('>bob@acme.example<', '>&x;<')}` },
  // Message shape
  { name: 'an encrypted assertion', reason: 'assertion_encrypted', build: (o) => responseXml(o, '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml:EncryptedAssertion>') },
  { name: 'no assertion', reason: 'assertion_missing', build: (o) => signResponse(responseXml(o, ''), { keys: idpKeys }) },
  { name: 'no NameID', reason: 'nameid_missing', build: (o) => signed(responseXml({ ...o, subject: `<saml:Subject><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${new Date(o.now.getTime() + 5 * MINUTE).toISOString()}" Recipient="${o.recipient}" InResponseTo="${o.inResponseTo}"/></saml:SubjectConfirmation></saml:Subject>` })) },
  { name: 'an IdP error status', reason: 'idp_error_status', build: (o) => responseXml({ ...o, status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' }, '') },
  { name: 'a LogoutResponse instead of a Response', reason: 'unexpected_message', build: (o) => `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x" Version="2.0" IssueInstant="${o.now.toISOString()}"/>` },
  { name: 'not XML', reason: 'malformed_response', build: () => 'this is <not xml' },
];

for (const kind of testDatabaseKinds()) {
  describe(`SAML attack suite: crafted responses, each refused for its reason (${kind})`, () => {
    const clock = manualClock(new Date());
    let server: TestServer;
    let enterpriseId: string;

    const configure = (certificates: string, extra: { signatureAlgorithm?: string } = {}) =>
      server.runtime.services.saml.set('acme', { ssoUrl: 'https://idp.example/sso', issuer: IDP, certificates, ...extra }, cliContext('test'));
    const options = async (): Promise<CraftOptions> => ({
      issuer: IDP, destination: ACS, recipient: ACS, audience: ENTITY_ID, nameId: 'bob@acme.example', now: clock.now(),
      inResponseTo: (await server.runtime.services.samlSignIn.start('acme', '/enterprises/acme/session')).requestId,
    });
    const post = (xml: string, app: FastifyInstance = server.app) => app.inject({ method: 'POST', url: '/saml/acme/acs', payload: new URLSearchParams({ SAMLResponse: encode(xml) }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    /** The reason recorded for the request that got `response`: audit events carry the HTTP request id. */
    const reasonOf = async (response: Awaited<ReturnType<typeof post>>) => {
      const events = await server.runtime.store.db.selectFrom('audit_events').selectAll().where('enterprise_id', '=', enterpriseId).where('request_id', '=', String(response.headers['x-request-id'])).where('action', '=', 'saml.refused').execute();
      assert.equal(events.length, 1, 'one saml.refused event for the request');
      return JSON.parse(events[0].details) as { reason: string; detail: string };
    };
    const assertRefused = async (response: Awaited<ReturnType<typeof post>>, reason: string) => {
      assert.ok(response.statusCode === 403 || response.statusCode === 400, `refused, got ${response.statusCode}: ${response.body.slice(0, 200)}`);
      assert.equal(response.headers['set-cookie'], undefined, 'no session cookie');
      assert.match(response.body, /<h1>Cannot sign in<\/h1>/);
      const recorded = await reasonOf(response);
      assert.equal(recorded.reason, reason, recorded.detail);
    };

    before(async () => {
      server = await startTestServer(kind, { clock });
      enterpriseId = (await seedEnterprise(server.runtime, 'acme', 'alice')).enterprise.id;
      await seedEnterprise(server.runtime, 'globex', 'gina');
      await configure(idpKeys.certificate);
    });
    after(() => server.close());

    test('control: a valid signed response signs bob in', async () => {
      const response = await post(signed(responseXml(await options())));
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, '/enterprises/acme/session');
    });

    test('control: NotBefore a minute ahead is within the clock skew', async () => {
      const o = await options();
      assert.equal((await post(signed(responseXml({ ...o, notBefore: new Date(o.now.getTime() + MINUTE) })))).statusCode, 303);
    });

    for (const attack of ATTACKS) {
      test(`${attack.name} → ${attack.reason}`, async () => {
        await assertRefused(await post(attack.build(await options())), attack.reason);
      });
    }

    test('not base64 → malformed_response', async () => {
      const response = await server.app.inject({ method: 'POST', url: '/saml/acme/acs', payload: 'SAMLResponse=%%%not-base64', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      await assertRefused(response, 'malformed_response');
    });

    test('a replayed response → assertion_replayed, also when replayed to another server instance on the same database', async () => {
      const other = await openRuntime(server.config, { clock });
      const otherApp = await buildServer(other, server.config);
      try {
        const xml = signed(responseXml(await options()));
        assert.equal((await post(xml)).statusCode, 303);
        await assertRefused(await post(xml), 'assertion_replayed');
        await assertRefused(await post(xml, otherApp), 'assertion_replayed');
      } finally {
        await otherApp.close();
        await other.close();
      }
    });

    test('a request started on one server instance is answered on another', async () => {
      const other = await openRuntime(server.config, { clock });
      const otherApp = await buildServer(other, server.config);
      try {
        const response = await post(signed(responseXml(await options())), otherApp);
        assert.equal(response.statusCode, 303, response.body);
      } finally {
        await otherApp.close();
        await other.close();
      }
    });

    test('a second, different answer to one request → request_already_used', async () => {
      const o = await options();
      assert.equal((await post(signed(responseXml(o)))).statusCode, 303);
      await assertRefused(await post(signed(responseXml(o))), 'request_already_used');
    });

    test('an answer after the request expired → request_expired', async () => {
      const o = await options();
      clock.advance(16 * MINUTE);
      try {
        await assertRefused(await post(signed(responseXml({ ...o, now: clock.now() }))), 'request_expired');
      } finally {
        clock.set(new Date());
      }
    });

    test('certificate rotation: both certificates work while two are configured; the retired one is refused after', async () => {
      await configure(`${idpKeys.certificate}\n${nextKeys.certificate}`);
      assert.equal((await post(signed(responseXml(await options()), idpKeys))).statusCode, 303, 'current certificate');
      assert.equal((await post(signed(responseXml(await options()), nextKeys))).statusCode, 303, 'next certificate');
      await configure(nextKeys.certificate);
      await assertRefused(await post(signed(responseXml(await options()), idpKeys)), 'certificate_untrusted');
      await configure(idpKeys.certificate);
    });

    test('SHA-1 is accepted only where an owner configured it', async () => {
      await configure(idpKeys.certificate, { signatureAlgorithm: 'rsa-sha1' });
      try {
        const xml = signAssertion(responseXml(await options()), { keys: idpKeys, signatureAlgorithm: 'sha1', digestAlgorithm: 'sha256' });
        assert.equal((await post(xml)).statusCode, 303);
      } finally {
        await configure(idpKeys.certificate);
      }
    });
  });
}
