import { onboardingDeliveryKey } from '../../effects/email/delivery-keys.ts';
import { enqueueEmail } from '../../effects/email/enqueue-email.ts';
import type { ScimUserRow } from '../../storage/repositories/scim-users.ts';
import type { Executor } from '../../storage/store.ts';
import type { ScimContext } from './scim-context.ts';

/**
 * Queues the onboarding email of a SCIM identity (SPEC §5): at its creation when it is active, else when it is
 * first activated. The delivery key is the identity's, so an identity is onboarded once in its life: activating
 * it again after a suspension sends nothing. Returns whether an email was queued by this call.
 */
export function queueOnboarding(
  db: Executor,
  now: Date,
  context: ScimContext,
  identity: Pick<ScimUserRow, 'id' | 'user_name' | 'display_name'>,
  account: { readonly login: string; readonly email: string | undefined },
): Promise<boolean> {
  if (account.email === undefined) return Promise.resolve(false);
  return enqueueEmail(db, now, {
    enterpriseId: context.enterprise.id,
    kind: 'onboarding',
    recipient: account.email,
    deliveryKey: onboardingDeliveryKey(identity.id),
    payload: { enterprise: context.enterprise.name, login: account.login, userName: identity.user_name, displayName: identity.display_name },
  });
}
