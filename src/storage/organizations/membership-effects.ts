import { sql } from 'kysely';
import type { Executor } from '../store.ts';
import { text } from './dialect-sql.ts';
import { AUDIT_COLUMNS, auditHead, auditOfUser, causeDetails, type RunContext } from './run-context.ts';

/**
 * Writes a sign-in's additions: the pending invitations they accept marked accepted, memberships added with role
 * member, an audit event each.
 */
export async function addMembers(db: Executor, context: RunContext): Promise<void> {
  const at = context.now.toISOString();
  await db
    .updateTable('invitations')
    .set({ state: 'accepted', decided_at: at, decided_cause: context.cause })
    .where('enterprise_id', '=', context.enterpriseId)
    .where('state', '=', 'pending')
    .where('id', 'in', (eb) => eb.selectFrom('reconcile_add').select('invitation_id').where('invitation_id', 'is not', null))
    .execute();
  await db
    .insertInto('org_memberships')
    .columns(['enterprise_id', 'org_id', 'user_id', 'role', 'source', 'invitation_id', 'request_id', 'created_at', 'updated_at', 'login_key'])
    .expression(
      db
        .selectFrom('reconcile_add as w')
        .innerJoin('users as u', (j) => j.on('u.enterprise_id', '=', context.enterpriseId).onRef('u.id', '=', 'w.user_id'))
        .select([
          text(context.enterpriseId).as('enterprise_id'),
          'w.org_id',
          'w.user_id',
          text('member').as('role'),
          text('saml').as('source'),
          'w.invitation_id',
          text(context.requestId).as('request_id'),
          text(at).as('created_at'),
          text(at).as('updated_at'),
          'u.login_key',
        ]),
    )
    .execute();
  await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      db
        .selectFrom('reconcile_add as w')
        .innerJoin('users as u', (j) => j.on('u.enterprise_id', '=', context.enterpriseId).onRef('u.id', '=', 'w.user_id'))
        .innerJoin('organizations as o', (j) => j.on('o.enterprise_id', '=', context.enterpriseId).onRef('o.id', '=', 'w.org_id'))
        .select([
          ...auditOfUser(context, 'org.member.add'),
          context.dialect
            .jsonObject({ organization: sql.ref('o.login'), orgId: sql.ref('o.id'), role: text('member'), source: text('saml'), invitationId: sql.ref('w.invitation_id'), ...causeDetails(context) })
            .as('details'),
        ]),
    )
    .execute();
}

/**
 * Writes the run's removals: an audit event per removal, the memberships deleted, then one `org.unowned` event per
 * organization whose last owner this run removed. Returns how many became unowned.
 */
export async function removeMembers(db: Executor, context: RunContext): Promise<number> {
  const { dialect, enterpriseId } = context;
  await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      db
        .selectFrom('reconcile_remove as w')
        .innerJoin('users as u', (j) => j.on('u.enterprise_id', '=', enterpriseId).onRef('u.id', '=', 'w.user_id'))
        .innerJoin('organizations as o', (j) => j.on('o.enterprise_id', '=', enterpriseId).onRef('o.id', '=', 'w.org_id'))
        .select([
          ...auditOfUser(context, 'org.member.remove'),
          dialect.jsonObject({ organization: sql.ref('o.login'), orgId: sql.ref('o.id'), role: sql.ref('w.role'), ...causeDetails(context) }).as('details'),
        ]),
    )
    .execute();

  await db
    .deleteFrom('org_memberships')
    .where('enterprise_id', '=', enterpriseId)
    .where((eb) => eb(eb.refTuple('org_id', 'user_id'), 'in', eb.selectFrom('reconcile_remove').select(['org_id', 'user_id']).$asTuple('org_id', 'user_id')))
    .execute();

  // After the deletes: an organization that lost an owner in this run and has none left is unowned.
  const unowned = await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      db
        .selectFrom('organizations as o')
        .select([
          ...auditHead(context, 'org.unowned'),
          text('organization').as('target_type'),
          'o.id as target_id',
          'o.login as target_label',
          dialect.jsonObject({ organization: sql.ref('o.login'), orgId: sql.ref('o.id'), ...causeDetails(context) }).as('details'),
        ])
        .where('o.enterprise_id', '=', enterpriseId)
        .where('o.id', 'in', (eb) => eb.selectFrom('reconcile_remove').select('org_id').where('role', '=', 'owner'))
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('org_memberships as om').select(sql.lit(1).as('one')).where('om.enterprise_id', '=', enterpriseId).whereRef('om.org_id', '=', 'o.id').where('om.role', '=', 'owner')),
          ),
        ),
    )
    .executeTakeFirst();
  return Number(unowned.numInsertedOrUpdatedRows ?? 0n);
}
