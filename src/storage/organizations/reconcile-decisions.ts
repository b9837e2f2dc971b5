import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../store.ts';
import type { DialectSql } from './dialect-sql.ts';

/**
 * The decisions of `decideMembership` (domain/organizations), taken for every (user, organization) pair of a run
 * at once: each is one `INSERT … SELECT` into the decision's scratch table, driven by the run's scope and reaching
 * the real tables through their indexes, so the number of statements does not depend on how many users the run
 * looks at. Each returns how many pairs it decided.
 */

/** A literal, not a parameter: SQLite uses the partial index of pending invitations only for a literal. */
const PENDING = sql.lit<'pending'>('pending');

const count = (result: { numInsertedOrUpdatedRows?: bigint }[]): number => result.reduce((n, r) => n + Number(r.numInsertedOrUpdatedRows ?? 0n), 0);

/** The pair `d` is already a member. */
const isMember = (eb: ExpressionBuilder<any, any>, enterpriseId: string) =>
  eb.exists(
    eb.selectFrom('org_memberships as om').select(sql.lit(1).as('one')).where('om.enterprise_id', '=', enterpriseId).whereRef('om.org_id', '=', 'd.org_id').whereRef('om.user_id', '=', 'd.user_id'),
  );

/** The pair `d` has a pending invitation. */
const isInvited = (eb: ExpressionBuilder<any, any>, enterpriseId: string) =>
  eb.exists(
    eb
      .selectFrom('invitations as pi')
      .select(sql.lit(1).as('one'))
      .where('pi.enterprise_id', '=', enterpriseId)
      .whereRef('pi.user_id', '=', 'd.user_id')
      .whereRef('pi.org_id', '=', 'd.org_id')
      .where('pi.state', '=', PENDING),
  );

/** The scope's users with their account (`u`), as `s`. */
const scopeOf = (db: Executor, enterpriseId: string) =>
  db.selectFrom('reconcile_scope as s').innerJoin('users as u', (j) => j.on('u.enterprise_id', '=', enterpriseId).onRef('u.id', '=', 's.user_id'));

/** D(U) from SCIM groups: an active user's groups whose `displayName` is the login of an unarchived organization. */
export async function desireMappedOrganizations(db: Executor, enterpriseId: string): Promise<number> {
  const pairs = scopeOf(db, enterpriseId)
    .innerJoin('scim_users as su', (j) => j.on('su.enterprise_id', '=', enterpriseId).onRef('su.user_id', '=', 's.user_id'))
    .innerJoin('scim_group_members as m', (j) => j.on('m.enterprise_id', '=', enterpriseId).onRef('m.member_id', '=', 'su.id'))
    .innerJoin('scim_groups as g', (j) => j.on('g.enterprise_id', '=', enterpriseId).onRef('g.id', '=', 'm.group_id'))
    .innerJoin('organizations as o', (j) => j.on('o.enterprise_id', '=', enterpriseId).onRef('o.login_key', '=', 'g.display_name_key'))
    .select(['s.user_id', 'o.id as org_id'])
    .where('u.state', '=', 'active')
    .where('o.archived_at', 'is', null);
  return count(await db.insertInto('reconcile_desired').columns(['user_id', 'org_id']).expression(pairs).execute());
}

/** D(U) given by name (a SAML assertion's `groups`): the unarchived organizations with these login keys. */
export async function desireNamedOrganizations(db: Executor, enterpriseId: string, loginKeys: readonly string[]): Promise<number> {
  if (loginKeys.length === 0) return 0;
  const pairs = scopeOf(db, enterpriseId)
    .innerJoin('organizations as o', (j) => j.on('o.enterprise_id', '=', enterpriseId))
    .select(['s.user_id', 'o.id as org_id'])
    .where('u.state', '=', 'active')
    .where('o.archived_at', 'is', null)
    .where('o.login_key', 'in', [...loginKeys]);
  return count(await db.insertInto('reconcile_desired').columns(['user_id', 'org_id']).expression(pairs).execute());
}

/** SCIM: desired pairs with neither a membership nor a pending invitation get a new invitation id and secret. */
export async function decideInvitations(db: Executor, dialect: DialectSql, enterpriseId: string, now: Date): Promise<number> {
  const pairs = db
    .selectFrom('reconcile_desired as d')
    .select(['d.user_id', 'd.org_id', dialect.uuidv7(now).as('invitation_id'), dialect.secret().as('secret')])
    .where((eb) => eb.not(isMember(eb, enterpriseId)))
    .where((eb) => eb.not(isInvited(eb, enterpriseId)));
  return count(await db.insertInto('reconcile_invite').columns(['user_id', 'org_id', 'invitation_id', 'secret']).expression(pairs).execute());
}

/**
 * A sign-in: desired pairs that are not members are added; a pending invitation to the organization is named, so
 * it can be marked accepted. Returns how many of each.
 */
export async function decideAdditions(db: Executor, enterpriseId: string): Promise<{ accept: number; add: number }> {
  const pairs = db
    .selectFrom('reconcile_desired as d')
    .leftJoin('invitations as i', (j) => j.on('i.enterprise_id', '=', enterpriseId).onRef('i.user_id', '=', 'd.user_id').onRef('i.org_id', '=', 'd.org_id').on('i.state', '=', PENDING))
    .select(['d.user_id', 'd.org_id', 'i.id as invitation_id'])
    .where((eb) => eb.not(isMember(eb, enterpriseId)));
  const added = count(await db.insertInto('reconcile_add').columns(['user_id', 'org_id', 'invitation_id']).expression(pairs).execute());
  if (added === 0) return { accept: 0, add: 0 };
  const { n } = await db.selectFrom('reconcile_add').select((eb) => eb.fn.count<number>('invitation_id').as('n')).executeTakeFirstOrThrow();
  return { accept: Number(n), add: added - Number(n) };
}

/** Where D(U) comes from: SCIM groups whose names are organization logins, or the logins a sign-in names. */
export type DesireRule = { readonly kind: 'groups' } | { readonly kind: 'named'; readonly loginKeys: readonly string[] };

/**
 * The scope's user `s`/`u` keeps what it has in organization `o`: it is active, and `o` is archived (frozen) or in
 * D(U). Asked of the real tables through their indexes.
 */
function keeps(eb: ExpressionBuilder<any, any>, enterpriseId: string, rule: DesireRule) {
  const mapped =
    rule.kind === 'named'
      ? rule.loginKeys.length === 0
        ? sql<boolean>`1 = 0`
        : eb('o.login_key', 'in', [...rule.loginKeys])
      : eb.exists(
          eb
            .selectFrom('scim_users as su')
            .innerJoin('scim_group_members as m', (j) => j.on('m.enterprise_id', '=', enterpriseId).onRef('m.member_id', '=', 'su.id'))
            .innerJoin('scim_groups as g', (j) => j.on('g.enterprise_id', '=', enterpriseId).onRef('g.id', '=', 'm.group_id'))
            .select(sql.lit(1).as('one'))
            .where('su.enterprise_id', '=', enterpriseId)
            .whereRef('su.user_id', '=', 's.user_id')
            .whereRef('g.display_name_key', '=', 'o.login_key'),
        );
  return eb.and([eb('u.state', '=', sql.lit<'active'>('active')), eb.or([eb('o.archived_at', 'is not', null), mapped])]);
}

/**
 * The scope's pending invitations and memberships outside D(U) (`rule`): invitations are cancelled, memberships
 * removed (`removeMembers`: always for SCIM, with deprovisioning for a sign-in). An archived organization is frozen
 * for active users; a suspended user loses everything.
 */
export async function decideDepartures(db: Executor, enterpriseId: string, rule: DesireRule, removeMembers: boolean): Promise<{ cancel: number; remove: number }> {
  const invitations = scopeOf(db, enterpriseId)
    .innerJoin('invitations as i', (j) => j.on('i.enterprise_id', '=', enterpriseId).onRef('i.user_id', '=', 's.user_id').on('i.state', '=', PENDING))
    .innerJoin('organizations as o', (j) => j.on('o.enterprise_id', '=', enterpriseId).onRef('o.id', '=', 'i.org_id'))
    .select(['s.user_id', 'i.org_id', 'i.id as invitation_id'])
    .where((eb) => eb.not(keeps(eb, enterpriseId, rule)));
  const cancel = count(await db.insertInto('reconcile_cancel').columns(['user_id', 'org_id', 'invitation_id']).expression(invitations).execute());
  if (!removeMembers) return { cancel, remove: 0 };
  const memberships = scopeOf(db, enterpriseId)
    .innerJoin('org_memberships as om', (j) => j.on('om.enterprise_id', '=', enterpriseId).onRef('om.user_id', '=', 's.user_id'))
    .innerJoin('organizations as o', (j) => j.on('o.enterprise_id', '=', enterpriseId).onRef('o.id', '=', 'om.org_id'))
    .select(['s.user_id', 'om.org_id', 'om.role'])
    .where((eb) => eb.not(keeps(eb, enterpriseId, rule)));
  const remove = count(await db.insertInto('reconcile_remove').columns(['user_id', 'org_id', 'role']).expression(memberships).execute());
  return { cancel, remove };
}

/** Every pending invitation to one organization is to be cancelled (the organization was archived). */
export async function decideOrganizationCancellations(db: Executor, enterpriseId: string, orgId: string): Promise<number> {
  const pending = db.selectFrom('invitations as i').select(['i.user_id', 'i.org_id', 'i.id as invitation_id']).where('i.enterprise_id', '=', enterpriseId).where('i.org_id', '=', orgId).where('i.state', '=', 'pending');
  return count(await db.insertInto('reconcile_cancel').columns(['user_id', 'org_id', 'invitation_id']).expression(pending).execute());
}
