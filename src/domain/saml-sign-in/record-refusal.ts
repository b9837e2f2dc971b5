import type { Executor } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Refusal } from './sign-in-refusal.ts';

/** Records a refused sign-in in the enterprise's audit log, with the precise reason for its owners. */
export async function recordRefusal(db: Executor, clock: Clock, enterpriseId: string, context: RequestContext, refused: Refusal, target?: { type: string; id: string; label?: string }): Promise<void> {
  await recordAudit(db, clock, enterpriseId, context, { action: 'saml.refused', target, details: { reason: refused.code, detail: refused.detail } });
}

/** The actor of what an IdP's response causes before anyone is signed in. */
export const idpContext = (requestId: string | null, issuer: string | undefined): RequestContext => ({
  requestId,
  actor: { type: 'idp', id: null, label: issuer ?? 'identity provider' },
});
