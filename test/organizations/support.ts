import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../src/domain/clock.ts';
import { cliContext } from '../../src/domain/context.ts';
import type { SignedInUser } from '../../src/domain/sessions/sessions.ts';
import { GROUP_SCHEMA, PATCH_SCHEMA, startScimServer, USER_SCHEMA, type ScimServer } from '../support/scim.ts';

export const operator = cliContext('test');

/** An accept link from an invitation email: its invitation id and secret. */
export interface AcceptLink {
  readonly url: string;
  readonly id: string;
  readonly secret: string;
}

export function parseAcceptUrl(url: string): AcceptLink {
  const parsed = new URL(url);
  const match = /^\/invitations\/([^/]+)\/accept$/.exec(parsed.pathname);
  assert.ok(match, `an accept link: ${url}`);
  return { url, id: decodeURIComponent(match[1]), secret: parsed.searchParams.get('secret') ?? '' };
}

/**
 * The enterprise `acme` of a SCIM server, seen the way the stories speak of it: people by name (`mona` is
 * `mona@acme.example`), groups and organizations by name, emails in the outbox, memberships and invitations.
 */
export interface OrgWorld {
  readonly scim: ScimServer;
  readonly slug: 'acme';
  readonly userIds: Map<string, string>;
  readonly groupIds: Map<string, string>;
  call: ScimServer['call'];
  createUser(name: string, extra?: Record<string, unknown>): Promise<string>;
  createGroup(displayName: string, members: readonly string[]): Promise<string>;
  patchGroup(displayName: string, operations: readonly unknown[]): Promise<LightMyRequestResponse>;
  addToGroup(displayName: string, names: readonly string[]): Promise<LightMyRequestResponse>;
  removeFromGroup(displayName: string, names: readonly string[]): Promise<LightMyRequestResponse>;
  setActive(name: string, active: boolean): Promise<LightMyRequestResponse>;
  createOrg(login: string, owner?: string): Promise<void>;
  /** Logins of an organization's members, sorted; `owners` keeps the owners. */
  members(org: string, role?: 'owner' | 'member'): Promise<string[]>;
  /** Logins with a pending invitation to an organization, sorted. */
  invited(org: string): Promise<string[]>;
  /** Invitation emails in the outbox, `to` one recipient when given. */
  invitationEmails(to?: string): Promise<{ kind: string; recipient: string; payload: Record<string, any> }[]>;
  /** The user's newest invitation link to an organization, from the outbox. */
  linkFor(name: string, org: string): Promise<AcceptLink>;
  signIn(name: string): Promise<SignedInUser>;
  /** Accepts the user's invitation to an organization, through the link in the email. */
  accept(name: string, org: string): Promise<void>;
  auditActions(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startOrgWorld(kind: 'sqlite' | 'postgres', options: { clock?: Clock } = {}): Promise<OrgWorld> {
  const scim = await startScimServer(kind, options);
  const services = scim.services();
  const db = scim.server.runtime.store.db;
  const enterpriseId = scim.enterpriseId;
  const userIds = new Map<string, string>();
  const groupIds = new Map<string, string>();
  const groupId = (name: string) => {
    const id = groupIds.get(name);
    assert.ok(id, `group ${name} exists`);
    return id;
  };
  const memberValues = (names: readonly string[]) => names.map((name) => ({ value: userIds.get(name) }));
  const patch = (id: string, operations: readonly unknown[]) => scim.call('PATCH', `/scim/v2/Groups/${id}`, { schemas: [PATCH_SCHEMA], Operations: operations });

  const world: OrgWorld = {
    scim,
    slug: 'acme',
    userIds,
    groupIds,
    call: scim.call,
    async createUser(name, extra = {}) {
      const response = await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: `${name}@acme.example`, emails: [{ value: `${name}@acme.example`, primary: true }], ...extra });
      assert.equal(response.statusCode, 201, response.body);
      userIds.set(name, response.json().id);
      return response.json().id;
    },
    async createGroup(displayName, members) {
      const response = await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName, members: memberValues(members) });
      assert.equal(response.statusCode, 201, response.body);
      groupIds.set(displayName, response.json().id);
      return response.json().id;
    },
    patchGroup: (displayName, operations) => patch(groupId(displayName), operations),
    addToGroup: (displayName, names) => patch(groupId(displayName), [{ op: 'add', path: 'members', value: memberValues(names) }]),
    removeFromGroup: (displayName, names) => patch(groupId(displayName), names.map((name) => ({ op: 'remove', path: `members[value eq "${userIds.get(name)}"]` }))),
    setActive: (name, active) => scim.call('PATCH', `/scim/v2/Users/${userIds.get(name)}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { active } }] }),
    async createOrg(login, owner) {
      await services.organizations.create('acme', { login, owner }, operator);
    },
    async members(org, role) {
      return (await services.orgMembers.list('acme', org, { role, limit: 1000 })).map((m) => m.login).sort();
    },
    async invited(org) {
      return (await services.invitations.list('acme', org, { state: 'pending' })).map((i) => i.login).sort();
    },
    async invitationEmails(to) {
      const rows = await db
        .selectFrom('outbox')
        .select(['kind', 'recipient', 'payload'])
        .where('enterprise_id', '=', enterpriseId)
        .where('kind', 'in', ['invitation', 'reinvitation'])
        .$if(to !== undefined, (q) => q.where('recipient', '=', to!))
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ kind: row.kind, recipient: row.recipient, payload: JSON.parse(row.payload) }));
    },
    async linkFor(name, org) {
      const emails = (await world.invitationEmails(`${name}@acme.example`)).filter((email) => email.payload.organization.toLowerCase() === org.toLowerCase());
      assert.ok(emails.length > 0, `${name} has an invitation email to ${org}`);
      return parseAcceptUrl(emails.at(-1)!.payload.acceptUrl);
    },
    async signIn(name) {
      const user = await services.users.get('acme', name);
      const session = await services.sessions.start(db, enterpriseId, user.id);
      const signedIn = await services.sessions.resolve(session.secret);
      assert.ok(signedIn, `${name} is signed in`);
      return signedIn;
    },
    async accept(name, org) {
      const link = await world.linkFor(name, org);
      await services.invitations.accept(link.id, link.secret, await world.signIn(name), { requestId: null, actor: { type: 'user', id: null, label: name } });
    },
    async auditActions(prefix) {
      const rows = await db.selectFrom('audit_events').select('action').where('enterprise_id', '=', enterpriseId).where('action', 'like', `${prefix}%`).orderBy('id').execute();
      return rows.map((row) => row.action);
    },
    close: () => scim.server.close(),
  };
  return world;
}
