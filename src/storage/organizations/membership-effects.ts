import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../store.ts';
import { text } from './dialect-sql.ts';
import { AUDIT_COLUMNS, auditHead, causeDetails, workOf, type RunContext } from './run-context.ts';

/** The run's work rows of one action for the membership `om` (or the table itself) being looked at. */
const inWork = (eb: ExpressionBuilder<any, any>, context: RunContext, action: 'remove', user: string, org: string) =>
  eb.exists(
    eb
      .selectFrom('reconcile_work as w')
      .select(sql.lit(1).as('one'))
      .where('w.enterprise_id', '=', context.run.enterpriseId)
      .where('w.run_id', '=', context.run.runId)
      .where('w.action', '=', action)
      .whereRef('w.user_id', '=', user as any)
      .whereRef('w.org_id', '=', org as any),
  );

/**
 * Writes a sign-in's `accept` and `add` decisions: pending invitations marked accepted, memberships added with
 * role member, an audit event each.
 */
export async function addMembers(db: Executor, context: RunContext): Promise<void> {
  const { dialect, run } = context;
  const at = context.now.toISOString();
  await db
    .updateTable('invitations')
    .set({ state: 'accepted', decided_at: at, decided_cause: context.cause })
    .where('enterprise_id', '=', run.enterpriseId)
    .where('state', '=', 'pending')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('reconcile_work as w')
          .select(sql.lit(1).as('one'))
          .where('w.enterprise_id', '=', run.enterpriseId)
          .where('w.run_id', '=', run.runId)
          .where('w.action', '=', 'accept')
          .whereRef('w.invitation_id', '=', 'invitations.id'),
      ),
    )
    .execute();
  await db
    .insertInto('org_memberships')
    .columns(['enterprise_id', 'org_id', 'user_id', 'role', 'source', 'invitation_id', 'request_id', 'created_at', 'updated_at'])
    .expression(
      workOf(db, context, ['add', 'accept']).select([
        'w.enterprise_id',
        'w.org_id',
        'w.user_id',
        text('member').as('role'),
        text('saml').as('source'),
        'w.invitation_id',
        text(context.requestId).as('request_id'),
        text(at).as('created_at'),
        text(at).as('updated_at'),
      ]),
    )
    .execute();
  await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      workOf(db, context, ['add', 'accept']).select([
        'w.enterprise_id',
        ...auditHead(context, 'org.member.add'),
        text('user').as('target_type'),
        'u.id as target_id',
        'u.login as target_label',
        dialect
          .jsonObject({ organization: sql.ref('o.login'), orgId: sql.ref('o.id'), role: text('member'), source: text('saml'), invitationId: sql.ref('w.invitation_id'), ...causeDetails(context) })
          .as('details'),
      ]),
    )
    .execute();
}

/**
 * Writes the run's `remove` decisions: an audit event per removal, one `org.unowned` event per organization whose
 * last owner this run removes, then the memberships deleted.
 */
export async function removeMembers(db: Executor, context: RunContext): Promise<number> {
  const { dialect, run } = context;
  await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      workOf(db, context, ['remove']).select([
        'w.enterprise_id',
        ...auditHead(context, 'org.member.remove'),
        text('user').as('target_type'),
        'u.id as target_id',
        'u.login as target_label',
        dialect.jsonObject({ organization: sql.ref('o.login'), orgId: sql.ref('o.id'), role: sql.ref('w.role'), ...causeDetails(context) }).as('details'),
      ]),
    )
    .execute();

  const unowned = await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      db
        .selectFrom('organizations as o')
        .select([
          'o.enterprise_id',
          ...auditHead(context, 'org.unowned'),
          text('organization').as('target_type'),
          'o.id as target_id',
          'o.login as target_label',
          dialect.jsonObject({ organization: sql.ref('o.login'), orgId: sql.ref('o.id'), ...causeDetails(context) }).as('details'),
        ])
        .where('o.enterprise_id', '=', run.enterpriseId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('reconcile_work as w')
              .select(sql.lit(1).as('one'))
              .where('w.enterprise_id', '=', run.enterpriseId)
              .where('w.run_id', '=', run.runId)
              .where('w.action', '=', 'remove')
              .where('w.role', '=', 'owner')
              .whereRef('w.org_id', '=', 'o.id'),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('org_memberships as om')
                .select(sql.lit(1).as('one'))
                .whereRef('om.enterprise_id', '=', 'o.enterprise_id')
                .whereRef('om.org_id', '=', 'o.id')
                .where('om.role', '=', 'owner')
                .where((inner) => inner.not(inWork(inner, context, 'remove', 'om.user_id', 'om.org_id'))),
            ),
          ),
        ),
    )
    .executeTakeFirst();

  await db
    .deleteFrom('org_memberships')
    .where('enterprise_id', '=', run.enterpriseId)
    .where((eb) => inWork(eb, context, 'remove', 'org_memberships.user_id', 'org_memberships.org_id'))
    .execute();
  return Number(unowned.numInsertedOrUpdatedRows ?? 0n);
}
