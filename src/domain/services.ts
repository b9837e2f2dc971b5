import type { Store } from '../storage/store.ts';
import type { Clock } from './clock.ts';
import { createEnterpriseService } from './enterprises/enterprise-service.ts';
import { createSamlConfigurationService } from './saml/saml-configuration-service.ts';
import { createSamlSignIn } from './saml-sign-in/saml-sign-in-service.ts';
import { createSessions } from './sessions/sessions.ts';
import { createSignInLinks } from './sessions/sign-in-links.ts';
import { createOutboxService } from './outbox/outbox-service.ts';
import { createSettingsService } from './settings/settings-service.ts';
import { createTokenService } from './tokens/token-service.ts';
import { createUserService } from './users/user-service.ts';
import { createScimGroupService } from './scim/scim-group-service.ts';
import { createScimUserService } from './scim/scim-user-service.ts';
import { createScimListService } from './scim/scim-list-service.ts';
import { createOrganizationServices } from './organizations/organization-services.ts';
import { createReconciler } from './organizations/reconciler.ts';
import { createConsoleServices } from './console/console-services.ts';

export interface ServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly publicUrl: string;
}

/** Every domain service, built once over one store and clock. */
export function createServices({ store, clock, publicUrl }: ServiceOptions) {
  const sessions = createSessions({ store, clock });
  const signInLinks = createSignInLinks({ store, clock, publicUrl, sessions });
  const reconciler = createReconciler({ dialect: store.dialect, clock, publicUrl });
  return Object.freeze({
    sessions,
    signInLinks,
    enterprises: createEnterpriseService({ store, clock, signInLinks }),
    tokens: createTokenService({ store, clock }),
    settings: createSettingsService({ store, clock }),
    saml: createSamlConfigurationService({ store, clock }),
    samlSignIn: createSamlSignIn({ store, clock, publicUrl, sessions, reconciler }),
    users: createUserService({ store, clock, sessions, reconciler }),
    outbox: createOutboxService({ store, clock, publicUrl }),
    scimUsers: createScimUserService({ store, clock, reconciler }),
    scimGroups: createScimGroupService({ store, clock, reconciler }),
    scimList: createScimListService({ store }),
    /** Organization membership from IdP groups (SPEC §5); `reconciler.signIn` is the SAML sign-in's entry. */
    reconciler,
    ...createOrganizationServices({ store, clock, publicUrl, reconciler }),
    console: createConsoleServices({ store, clock }),
  });
}

export type Services = ReturnType<typeof createServices>;
