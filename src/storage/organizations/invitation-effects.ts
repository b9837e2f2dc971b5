import { sql } from 'kysely';
import type { Executor } from '../store.ts';
import { text } from './dialect-sql.ts';
import { AUDIT_COLUMNS, auditHead, causeDetails, workOf, type RunContext } from './run-context.ts';

/** What the invitations of a run say, besides what each row knows. */
export interface InvitationTerms {
  /** The email kind: `invitation`, or `reinvitation` after a reactivation. */
  readonly kind: 'invitation' | 'reinvitation';
  readonly expiresAt: string;
  /** The accept link up to the invitation id: `PUBLIC_URL/invitations/`. */
  readonly acceptUrlBase: string;
  /** The outbox delivery key up to the invitation id (from `effects/email/delivery-keys.ts`). */
  readonly deliveryKeyPrefix: string;
  readonly enterpriseName: string;
}

/**
 * Writes the run's `invite` decisions: the invitations (secret stored hashed), one email each to accounts with an
 * address, written to the outbox in the same transaction, and an audit event each naming the group that maps
 * the organization. Three statements, whatever the number of invitations.
 */
export async function createInvitations(db: Executor, context: RunContext, terms: InvitationTerms): Promise<void> {
  const { dialect } = context;
  const at = context.now.toISOString();
  const invited = () => workOf(db, context, ['invite']);

  await db
    .insertInto('invitations')
    .columns(['enterprise_id', 'id', 'org_id', 'user_id', 'email', 'kind', 'state', 'secret_hash', 'created_at', 'expires_at', 'request_id', 'cause'])
    .expression(
      invited().select([
        'w.enterprise_id',
        sql<string>`w.invitation_id`.as('id'),
        'w.org_id',
        'w.user_id',
        'u.email',
        text(terms.kind).as('kind'),
        text('pending').as('state'),
        dialect.sha256Hex(sql.ref('w.secret')).as('secret_hash'),
        text(at).as('created_at'),
        text(terms.expiresAt).as('expires_at'),
        text(context.requestId).as('request_id'),
        text(context.cause).as('cause'),
      ]),
    )
    .execute();

  const acceptUrl = sql<string>`(${text(terms.acceptUrlBase)} || w.invitation_id || '/accept?secret=' || w.secret)`;
  await db
    .insertInto('outbox')
    .columns(['enterprise_id', 'id', 'kind', 'recipient', 'delivery_key', 'payload', 'state', 'next_attempt_at', 'created_at', 'queued_at'])
    .expression(
      invited()
        .select([
          'w.enterprise_id',
          dialect.uuidv7(context.now).as('id'),
          text(terms.kind).as('kind'),
          sql<string>`u.email`.as('recipient'),
          sql<string>`(${text(terms.deliveryKeyPrefix)} || w.invitation_id)`.as('delivery_key'),
          dialect
            .jsonObject({ enterprise: text(terms.enterpriseName), organization: sql.ref('o.login'), login: sql.ref('u.login'), acceptUrl, expiresAt: text(terms.expiresAt) })
            .as('payload'),
          text('pending').as('state'),
          text(at).as('next_attempt_at'),
          text(at).as('created_at'),
          text(at).as('queued_at'),
        ])
        .where('u.email', 'is not', null),
    )
    .execute();

  await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      invited()
        .leftJoin('scim_groups as g', (j) => j.onRef('g.enterprise_id', '=', 'o.enterprise_id').onRef('g.display_name_key', '=', 'o.login_key'))
        .select([
          'w.enterprise_id',
          ...auditHead(context, 'org.invitation.create'),
          text('user').as('target_type'),
          'u.id as target_id',
          'u.login as target_label',
          dialect
            .jsonObject({
              organization: sql.ref('o.login'),
              orgId: sql.ref('o.id'),
              invitationId: sql.ref('w.invitation_id'),
              email: sql.ref('u.email'),
              emailKind: text(terms.kind),
              group: sql.ref('g.display_name'),
              groupId: sql.ref('g.id'),
              expiresAt: text(terms.expiresAt),
              ...causeDetails(context),
            })
            .as('details'),
        ]),
    )
    .execute();
}

/** Writes the run's `cancel` decisions: an audit event each, then the invitations marked cancelled. */
export async function cancelInvitations(db: Executor, context: RunContext): Promise<void> {
  const { dialect, run } = context;
  await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      workOf(db, context, ['cancel']).select([
        'w.enterprise_id',
        ...auditHead(context, 'org.invitation.cancel'),
        text('user').as('target_type'),
        'u.id as target_id',
        'u.login as target_label',
        dialect.jsonObject({ organization: sql.ref('o.login'), orgId: sql.ref('o.id'), invitationId: sql.ref('w.invitation_id'), ...causeDetails(context) }).as('details'),
      ]),
    )
    .execute();
  await db
    .updateTable('invitations')
    .set({ state: 'cancelled', decided_at: context.now.toISOString(), decided_cause: context.cause })
    .where('enterprise_id', '=', run.enterpriseId)
    .where('state', '=', 'pending')
    .where('id', 'in', (eb) =>
      eb.selectFrom('reconcile_work as w').select('w.invitation_id').where('w.enterprise_id', '=', run.enterpriseId).where('w.run_id', '=', run.runId).where('w.action', '=', 'cancel'),
    )
    .execute();
}
