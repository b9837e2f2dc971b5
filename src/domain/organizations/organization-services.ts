import type { Store } from '../../storage/store.ts';
import type { Clock } from '../clock.ts';
import { createInvitationService } from './invitation-service.ts';
import { createMembershipService } from './membership-service.ts';
import { createOrganizationService } from './organization-service.ts';
import type { Reconciler } from './reconciler.ts';

/** The organization services, built over one store, clock and reconciler. */
export function createOrganizationServices({ store, clock, publicUrl, reconciler }: { store: Store; clock: Clock; publicUrl: string; reconciler: Reconciler }) {
  return {
    organizations: createOrganizationService({ store, clock, reconciler }),
    orgMembers: createMembershipService({ store, clock }),
    invitations: createInvitationService({ store, clock, publicUrl }),
  };
}
