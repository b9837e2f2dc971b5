import { sql } from 'kysely';
import type { Executor } from '../store.ts';
import { text } from './dialect-sql.ts';
import { AUDIT_COLUMNS, auditOfUser, causeDetails, type RunContext } from './run-context.ts';

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

/** The run's new invitations (`w`) with their account (`u`) and organization (`o`). */
const invited = (db: Executor, context: RunContext) =>
  db
    .selectFrom('reconcile_invite as w')
    .innerJoin('users as u', (j) => j.on('u.enterprise_id', '=', context.enterpriseId).onRef('u.id', '=', 'w.user_id'))
    .innerJoin('organizations as o', (j) => j.on('o.enterprise_id', '=', context.enterpriseId).onRef('o.id', '=', 'w.org_id'));

/**
 * Writes the run's new invitations: the invitations (secret stored hashed), one email each to accounts with an
 * address, written to the outbox in the same transaction, and an audit event each naming the group that maps the
 * organization. Three statements, whatever the number of invitations.
 */
export async function createInvitations(db: Executor, context: RunContext, terms: InvitationTerms): Promise<void> {
  const { dialect } = context;
  const at = text(context.now.toISOString());

  await db
    .insertInto('invitations')
    .columns(['enterprise_id', 'id', 'org_id', 'user_id', 'email', 'kind', 'state', 'secret_hash', 'created_at', 'expires_at', 'request_id', 'cause'])
    .expression(
      invited(db, context).select([
        text(context.enterpriseId).as('enterprise_id'),
        'w.invitation_id as id',
        'w.org_id',
        'w.user_id',
        'u.email',
        text(terms.kind).as('kind'),
        text('pending').as('state'),
        dialect.sha256Hex(sql.ref('w.secret')).as('secret_hash'),
        at.as('created_at'),
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
      invited(db, context)
        .select([
          text(context.enterpriseId).as('enterprise_id'),
          dialect.uuidv7(context.now).as('id'),
          text(terms.kind).as('kind'),
          sql<string>`u.email`.as('recipient'),
          sql<string>`(${text(terms.deliveryKeyPrefix)} || w.invitation_id)`.as('delivery_key'),
          dialect
            .jsonObject({ enterprise: text(terms.enterpriseName), organization: sql.ref('o.login'), login: sql.ref('u.login'), acceptUrl, expiresAt: text(terms.expiresAt) })
            .as('payload'),
          text('pending').as('state'),
          at.as('next_attempt_at'),
          at.as('created_at'),
          at.as('queued_at'),
        ])
        .where('u.email', 'is not', null),
    )
    .execute();

  await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      invited(db, context)
        .leftJoin('scim_groups as g', (j) => j.on('g.enterprise_id', '=', context.enterpriseId).onRef('g.display_name_key', '=', 'o.login_key'))
        .select([
          ...auditOfUser(context, 'org.invitation.create'),
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

/** Writes the run's cancellations: an audit event each, then the invitations marked cancelled. */
export async function cancelInvitations(db: Executor, context: RunContext): Promise<void> {
  await db
    .insertInto('audit_events')
    .columns(AUDIT_COLUMNS)
    .expression(
      db
        .selectFrom('reconcile_cancel as w')
        .innerJoin('users as u', (j) => j.on('u.enterprise_id', '=', context.enterpriseId).onRef('u.id', '=', 'w.user_id'))
        .innerJoin('organizations as o', (j) => j.on('o.enterprise_id', '=', context.enterpriseId).onRef('o.id', '=', 'w.org_id'))
        .select([
          ...auditOfUser(context, 'org.invitation.cancel'),
          context.dialect.jsonObject({ organization: sql.ref('o.login'), orgId: sql.ref('o.id'), invitationId: sql.ref('w.invitation_id'), ...causeDetails(context) }).as('details'),
        ]),
    )
    .execute();
  await db
    .updateTable('invitations')
    .set({ state: 'cancelled', decided_at: context.now.toISOString(), decided_cause: context.cause })
    .where('enterprise_id', '=', context.enterpriseId)
    .where('state', '=', 'pending')
    .where('id', 'in', (eb) => eb.selectFrom('reconcile_cancel').select('invitation_id'))
    .execute();
}
