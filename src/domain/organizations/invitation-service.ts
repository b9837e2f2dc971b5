import { invitationDeliveryKey, resentInvitationDeliveryKey } from '../../effects/email/delivery-keys.ts';
import { enqueueEmail } from '../../effects/email/enqueue-email.ts';
import { hashSecret, randomSecret } from '../../lib/secrets.ts';
import { dialectSql } from '../../storage/organizations/dialect-sql.ts';
import { findInvitation, findInvitationByLink, listInvitations, renewInvitation, decideInvitation, expireDueInvitations, type InvitationListRow } from '../../storage/repositories/invitations.ts';
import { findMembership, insertMembership } from '../../storage/repositories/org-memberships.ts';
import { findEnterpriseById } from '../../storage/repositories/enterprises.ts';
import type { InvitationState } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { systemContext, type RequestContext } from '../context.ts';
import { conflict, forbidden, notFound } from '../domain-error.ts';
import type { SignedInUser } from '../sessions/sessions.ts';
import { acceptUrl, INVITATION_TTL_MS } from './invitation-terms.ts';
import { enterpriseNamed, organizationNamed } from './lookups.ts';

/** An invitation as owners see it; never its secret. */
export interface InvitationView {
  readonly id: string;
  readonly organization: string;
  readonly login: string;
  readonly email: string | null;
  readonly state: InvitationState;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly decidedAt: string | null;
  readonly cause: string;
  readonly decidedCause: string | null;
  readonly timesSent: number;
}

/** A stored invitation as owners see it. */
export const toInvitationView = (row: InvitationListRow): InvitationView => ({
  id: row.id,
  organization: row.org_login,
  login: row.login,
  email: row.email,
  state: row.state,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  decidedAt: row.decided_at,
  cause: row.cause,
  decidedCause: row.decided_cause,
  timesSent: Number(row.sent_count),
});

/** What an accept link leads to, for the page that asks the person to sign in or to confirm. */
export interface InvitationPreview {
  readonly id: string;
  readonly enterpriseSlug: string;
  readonly enterpriseName: string;
  readonly organization: string;
  readonly login: string;
  readonly state: InvitationState;
  readonly expired: boolean;
  readonly userId: string;
}

export type InvitationService = ReturnType<typeof createInvitationService>;

/** Invitations to organizations: listed, cancelled and sent again by owners; accepted by their user; expired by a job. */
export function createInvitationService({ store, clock, publicUrl }: { store: Store; clock: Clock; publicUrl: string }) {
  const locks = dialectSql(store.dialect);

  async function invitationOf(slug: string, orgLogin: string, id: string, db = store.db) {
    const enterprise = await enterpriseNamed(db, slug);
    const organization = await organizationNamed(db, enterprise, orgLogin);
    const invitation = await findInvitation(db, enterprise.id, id);
    if (!invitation || invitation.org_id !== organization.id) throw notFound(`no invitation ${id} to organization "${organization.login}"`);
    return { enterprise, organization, invitation };
  }

  return {
    /** An organization's invitations, newest first; `state` keeps one kind (e.g. `pending`). */
    async list(slug: string, orgLogin: string, options: { state?: InvitationState; limit?: number } = {}): Promise<InvitationView[]> {
      const enterprise = await enterpriseNamed(store.db, slug);
      const organization = await organizationNamed(store.db, enterprise, orgLogin);
      return (await listInvitations(store.db, enterprise.id, organization.id, { state: options.state, limit: options.limit ?? 1000 })).map(toInvitationView);
    },

    /** An owner cancels a pending invitation; its link stops working. */
    cancel(slug: string, orgLogin: string, id: string, context: RequestContext): Promise<InvitationView> {
      return store.transaction(async (trx) => {
        const { enterprise, invitation } = await invitationOf(slug, orgLogin, id, trx);
        await locks.lockEnterprise(trx, enterprise.id);
        const at = clock.now().toISOString();
        if (!(await decideInvitation(trx, enterprise.id, id, 'cancelled', at, 'owner'))) throw conflict(`invitation ${id} is ${invitation.state}, not pending`);
        await recordAudit(trx, clock, enterprise.id, context, {
          action: 'org.invitation.cancel',
          target: { type: 'user', id: invitation.user_id, label: invitation.login },
          details: { organization: invitation.org_login, orgId: invitation.org_id, invitationId: id, cause: 'owner' },
        });
        return toInvitationView({ ...invitation, state: 'cancelled', decided_at: at, decided_cause: 'owner' });
      });
    },

    /** An owner sends a pending invitation again: a new link (the old one stops working) and seven more days. */
    resend(slug: string, orgLogin: string, id: string, context: RequestContext): Promise<InvitationView> {
      return store.transaction(async (trx) => {
        const { enterprise, invitation } = await invitationOf(slug, orgLogin, id, trx);
        await locks.lockEnterprise(trx, enterprise.id);
        if (invitation.state !== 'pending') throw conflict(`invitation ${id} is ${invitation.state}, not pending`);
        if (invitation.email === null) throw conflict(`"${invitation.login}" has no email address to send the invitation to`);
        const now = clock.now();
        const secret = randomSecret();
        const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
        if (!(await renewInvitation(trx, enterprise.id, id, hashSecret(secret), expiresAt))) throw conflict(`invitation ${id} is no longer pending`);
        const sending = Number(invitation.sent_count) + 1;
        await enqueueEmail(trx, now, {
          enterpriseId: enterprise.id,
          kind: 'invitation',
          recipient: invitation.email,
          deliveryKey: resentInvitationDeliveryKey(id, sending),
          payload: { enterprise: enterprise.name, organization: invitation.org_login, login: invitation.login, acceptUrl: acceptUrl(publicUrl, id, secret), expiresAt },
        });
        await recordAudit(trx, clock, enterprise.id, context, {
          action: 'org.invitation.resend',
          target: { type: 'user', id: invitation.user_id, label: invitation.login },
          details: { organization: invitation.org_login, orgId: invitation.org_id, invitationId: id, email: invitation.email, expiresAt, sending, firstEmail: invitationDeliveryKey(id) },
        });
        return toInvitationView({ ...invitation, expires_at: expiresAt, sent_count: sending });
      });
    },

    /** What an accept link names, without deciding anything: `undefined` for an unknown secret. */
    async preview(id: string, secret: string): Promise<InvitationPreview | undefined> {
      const invitation = await findInvitationByLink(store.db, id, hashSecret(secret));
      if (!invitation) return undefined;
      const enterprise = await findEnterpriseById(store.db, invitation.enterprise_id);
      if (!enterprise) return undefined;
      return {
        id,
        enterpriseSlug: enterprise.slug,
        enterpriseName: enterprise.name,
        organization: invitation.org_login,
        login: invitation.login,
        state: invitation.state,
        expired: invitation.expires_at <= clock.now().toISOString(),
        userId: invitation.user_id,
      };
    },

    /**
     * Accepts an invitation by the secret of its link, for the signed-in user it was sent to: the user becomes a
     * member. The link works once; another account, a decided or an expired invitation is refused.
     */
    accept(id: string, secret: string, signedIn: SignedInUser, context: RequestContext): Promise<{ organization: string; login: string }> {
      return store.transaction(async (trx) => {
        const invitation = await findInvitationByLink(trx, id, hashSecret(secret));
        if (!invitation) throw notFound('this invitation link is not valid');
        await locks.lockEnterprise(trx, invitation.enterprise_id);
        if (invitation.enterprise_id !== signedIn.enterpriseId || invitation.user_id !== signedIn.user.id) {
          throw forbidden(`this invitation is for ${invitation.login}; you are signed in as ${signedIn.user.login}`);
        }
        const now = clock.now().toISOString();
        if (invitation.state !== 'pending') throw conflict(`this invitation was already ${invitation.state}`);
        if (invitation.expires_at <= now) throw conflict('this invitation has expired; ask an owner of the organization to send it again');
        if (!(await decideInvitation(trx, invitation.enterprise_id, id, 'accepted', now, 'accepted'))) throw conflict('this invitation is no longer pending');
        if (!(await findMembership(trx, invitation.enterprise_id, invitation.org_id, invitation.user_id))) {
          await insertMembership(trx, {
            enterprise_id: invitation.enterprise_id,
            org_id: invitation.org_id,
            user_id: invitation.user_id,
            role: 'member',
            source: 'invitation',
            invitation_id: id,
            request_id: context.requestId,
            created_at: now,
            updated_at: now,
          });
        }
        await recordAudit(trx, clock, invitation.enterprise_id, context, {
          action: 'org.member.add',
          target: { type: 'user', id: invitation.user_id, label: invitation.login },
          details: { organization: invitation.org_login, orgId: invitation.org_id, role: 'member', source: 'invitation', invitationId: id, cause: 'invitation.accept', invitationCause: invitation.cause },
        });
        return { organization: invitation.org_login, login: invitation.login };
      });
    },

    /** Marks up to `limit` pending invitations past their expiry as expired; returns how many. Several servers may run it at once. */
    expireDue(limit = 200): Promise<number> {
      return store.transaction(async (trx) => {
        const expired = await expireDueInvitations(trx, store.dialect === 'postgres', clock.now().toISOString(), limit);
        for (const invitation of expired) {
          await recordAudit(trx, clock, invitation.enterprise_id, systemContext, {
            action: 'org.invitation.expire',
            target: { type: 'user', id: invitation.user_id },
            details: { orgId: invitation.org_id, invitationId: invitation.id, expiresAt: invitation.expires_at, cause: 'expiry' },
          });
        }
        return expired.length;
      });
    },
  };
}
