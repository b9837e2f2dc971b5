import { sql, type ExpressionBuilder } from 'kysely';
import type { ReconcileAction } from '../schema.ts';
import type { Executor } from '../store.ts';
import { text, type DialectSql } from './dialect-sql.ts';
import type { ReconcileRun } from './reconcile-scope.ts';

/**
 * The decisions of `decideMembership` (domain/organizations), taken for every (user, organization) pair of a run
 * at once: each is one `INSERT … SELECT` into `reconcile_work`, joined on the run's scope, so the number of
 * statements does not depend on how many users the run looks at. Each returns how many pairs it decided.
 */


/** A literal, not a parameter: SQLite uses the partial index of pending invitations only for a literal. */
const PENDING = sql.lit<'pending'>('pending');

const count = (result: { numInsertedOrUpdatedRows?: bigint }[]): number => result.reduce((n, r) => n + Number(r.numInsertedOrUpdatedRows ?? 0n), 0);

/** `w`'s pair is already a member. */
const isMember = (eb: ExpressionBuilder<any, any>) =>
  eb.exists(
    eb
      .selectFrom('org_memberships as om')
      .select(sql.lit(1).as('one'))
      .whereRef('om.enterprise_id', '=', 'w.enterprise_id')
      .whereRef('om.org_id', '=', 'w.org_id')
      .whereRef('om.user_id', '=', 'w.user_id'),
  );

/** `w`'s pair has a pending invitation. */
const isInvited = (eb: ExpressionBuilder<any, any>) =>
  eb.exists(
    eb
      .selectFrom('invitations as pi')
      .select(sql.lit(1).as('one'))
      .whereRef('pi.enterprise_id', '=', 'w.enterprise_id')
      .whereRef('pi.org_id', '=', 'w.org_id')
      .whereRef('pi.user_id', '=', 'w.user_id')
      .where('pi.state', '=', PENDING),
  );

const into = (db: Executor) => db.insertInto('reconcile_work');

/** The run's rows of one action, as `w`. */
const rowsOf = (db: Executor, run: ReconcileRun, action: ReconcileAction) =>
  db.selectFrom('reconcile_work as w').where('w.enterprise_id', '=', run.enterpriseId).where('w.run_id', '=', run.runId).where('w.action', '=', action);

/** The scope's users with their account (`u`), as `s`. */
const scopeOf = (db: Executor, run: ReconcileRun) =>
  db
    .selectFrom('reconcile_scope as s')
    .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 's.enterprise_id').onRef('u.id', '=', 's.user_id'))
    .where('s.enterprise_id', '=', run.enterpriseId)
    .where('s.run_id', '=', run.runId);

/** D(U) from SCIM groups: an active user's groups whose `displayName` is the login of an unarchived organization. */
export async function desireMappedOrganizations(db: Executor, run: ReconcileRun): Promise<number> {
  const pairs = scopeOf(db, run)
    .innerJoin('scim_users as su', (j) => j.onRef('su.enterprise_id', '=', 's.enterprise_id').onRef('su.user_id', '=', 's.user_id'))
    .innerJoin('scim_group_members as m', (j) => j.onRef('m.enterprise_id', '=', 's.enterprise_id').onRef('m.member_id', '=', 'su.id'))
    .innerJoin('scim_groups as g', (j) => j.onRef('g.enterprise_id', '=', 's.enterprise_id').onRef('g.id', '=', 'm.group_id'))
    .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 's.enterprise_id').onRef('o.login_key', '=', 'g.display_name_key'))
    .select(['s.enterprise_id', 's.run_id', text('desired').as('action'), 's.user_id', 'o.id as org_id'])
    .where('u.state', '=', 'active')
    .where('o.archived_at', 'is', null);
  return count(await into(db).columns(['enterprise_id', 'run_id', 'action', 'user_id', 'org_id']).expression(pairs).execute());
}

/** D(U) given by name (a SAML assertion's `groups`): the unarchived organizations with these login keys. */
export async function desireNamedOrganizations(db: Executor, run: ReconcileRun, loginKeys: readonly string[]): Promise<number> {
  if (loginKeys.length === 0) return 0;
  const pairs = scopeOf(db, run)
    .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 's.enterprise_id'))
    .select(['s.enterprise_id', 's.run_id', text('desired').as('action'), 's.user_id', 'o.id as org_id'])
    .where('u.state', '=', 'active')
    .where('o.archived_at', 'is', null)
    .where('o.login_key', 'in', [...loginKeys]);
  return count(await into(db).columns(['enterprise_id', 'run_id', 'action', 'user_id', 'org_id']).expression(pairs).execute());
}

/** SCIM: desired pairs with neither a membership nor a pending invitation get a new invitation id and secret. */
export async function decideInvitations(db: Executor, dialect: DialectSql, run: ReconcileRun, now: Date): Promise<number> {
  const pairs = rowsOf(db, run, 'desired')
    .select(['w.enterprise_id', 'w.run_id', text('invite').as('action'), 'w.user_id', 'w.org_id', dialect.uuidv7(now).as('invitation_id'), dialect.secret().as('secret')])
    .where((eb) => eb.not(isMember(eb)))
    .where((eb) => eb.not(isInvited(eb)));
  return count(await into(db).columns(['enterprise_id', 'run_id', 'action', 'user_id', 'org_id', 'invitation_id', 'secret']).expression(pairs).execute());
}

/**
 * A sign-in: desired pairs that are not members are added; those with a pending invitation accept it (the
 * invitation is named, so it can be marked), the others are added without one.
 */
export async function decideAdditions(db: Executor, run: ReconcileRun): Promise<{ accept: number; add: number }> {
  const accepted = rowsOf(db, run, 'desired')
    .innerJoin('invitations as i', (j) =>
      j.onRef('i.enterprise_id', '=', 'w.enterprise_id').onRef('i.org_id', '=', 'w.org_id').onRef('i.user_id', '=', 'w.user_id').on('i.state', '=', PENDING),
    )
    .select(['w.enterprise_id', 'w.run_id', text('accept').as('action'), 'w.user_id', 'w.org_id', 'i.id as invitation_id'])
    .where((eb) => eb.not(isMember(eb)));
  const accept = count(await into(db).columns(['enterprise_id', 'run_id', 'action', 'user_id', 'org_id', 'invitation_id']).expression(accepted).execute());
  const added = rowsOf(db, run, 'desired')
    .select(['w.enterprise_id', 'w.run_id', text('add').as('action'), 'w.user_id', 'w.org_id'])
    .where((eb) => eb.not(isMember(eb)))
    .where((eb) => eb.not(isInvited(eb)));
  const add = count(await into(db).columns(['enterprise_id', 'run_id', 'action', 'user_id', 'org_id']).expression(added).execute());
  return { accept, add };
}

/** Where D(U) comes from: SCIM groups whose names are organization logins, or the logins a sign-in names. */
export type DesireRule = { readonly kind: 'groups' } | { readonly kind: 'named'; readonly loginKeys: readonly string[] };

/**
 * The scope's user `s`/`u` keeps what it has in organization `o`: it is active, and `o` is archived (frozen) or in
 * D(U). Asked of the real tables through their indexes, never of the run's scratch rows, whose statistics the
 * PostgreSQL planner cannot know: a plan that scans them once per row would be quadratic.
 */
function keeps(eb: ExpressionBuilder<any, any>, rule: DesireRule) {
  const mapped =
    rule.kind === 'named'
      ? rule.loginKeys.length === 0
        ? sql<boolean>`1 = 0`
        : eb('o.login_key', 'in', [...rule.loginKeys])
      : eb.exists(
          eb
            .selectFrom('scim_users as su')
            .innerJoin('scim_group_members as m', (j) => j.onRef('m.enterprise_id', '=', 'su.enterprise_id').onRef('m.member_id', '=', 'su.id'))
            .innerJoin('scim_groups as g', (j) => j.onRef('g.enterprise_id', '=', 'm.enterprise_id').onRef('g.id', '=', 'm.group_id'))
            .select(sql.lit(1).as('one'))
            .whereRef('su.enterprise_id', '=', 's.enterprise_id')
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
export async function decideDepartures(db: Executor, run: ReconcileRun, rule: DesireRule, removeMembers: boolean): Promise<{ cancel: number; remove: number }> {
  const invitations = scopeOf(db, run)
    .innerJoin('invitations as i', (j) => j.onRef('i.enterprise_id', '=', 's.enterprise_id').onRef('i.user_id', '=', 's.user_id').on('i.state', '=', PENDING))
    .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'i.enterprise_id').onRef('o.id', '=', 'i.org_id'))
    .select(['s.enterprise_id', 's.run_id', text('cancel').as('action'), 's.user_id', 'i.org_id', 'i.id as invitation_id'])
    .where((eb) => eb.not(keeps(eb, rule)));
  const cancel = count(await into(db).columns(['enterprise_id', 'run_id', 'action', 'user_id', 'org_id', 'invitation_id']).expression(invitations).execute());
  if (!removeMembers) return { cancel, remove: 0 };
  const memberships = scopeOf(db, run)
    .innerJoin('org_memberships as om', (j) => j.onRef('om.enterprise_id', '=', 's.enterprise_id').onRef('om.user_id', '=', 's.user_id'))
    .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'om.enterprise_id').onRef('o.id', '=', 'om.org_id'))
    .select(['s.enterprise_id', 's.run_id', text('remove').as('action'), 's.user_id', 'om.org_id', 'om.role'])
    .where((eb) => eb.not(keeps(eb, rule)));
  const remove = count(await into(db).columns(['enterprise_id', 'run_id', 'action', 'user_id', 'org_id', 'role']).expression(memberships).execute());
  return { cancel, remove };
}

/** Every pending invitation to one organization is to be cancelled (the organization was archived). */
export async function decideOrganizationCancellations(db: Executor, run: ReconcileRun, orgId: string): Promise<number> {
  const pending = db
    .selectFrom('invitations as i')
    .select([text(run.enterpriseId).as('enterprise_id'), text(run.runId).as('run_id'), text('cancel').as('action'), 'i.user_id', 'i.org_id', 'i.id as invitation_id'])
    .where('i.enterprise_id', '=', run.enterpriseId)
    .where('i.org_id', '=', orgId)
    .where('i.state', '=', 'pending');
  return count(await into(db).columns(['enterprise_id', 'run_id', 'action', 'user_id', 'org_id', 'invitation_id']).expression(pending).execute());
}
