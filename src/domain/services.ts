import type { Store } from '../storage/store.ts';
import type { Clock } from './clock.ts';
import { createEnterpriseService } from './enterprises/enterprise-service.ts';
import { createSamlConfigurationService } from './saml/saml-configuration-service.ts';
import { createSessions } from './sessions/sessions.ts';
import { createSignInLinks } from './sessions/sign-in-links.ts';
import { createSettingsService } from './settings/settings-service.ts';
import { createTokenService } from './tokens/token-service.ts';
import { createUserService } from './users/user-service.ts';
import { createScimGroupService } from './scim/scim-group-service.ts';
import { createScimUserService } from './scim/scim-user-service.ts';
import { createScimListService } from './scim/scim-list-service.ts';

export interface ServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly publicUrl: string;
}

/** Every domain service, built once over one store and clock. */
export function createServices({ store, clock, publicUrl }: ServiceOptions) {
  const sessions = createSessions({ store, clock });
  const signInLinks = createSignInLinks({ store, clock, publicUrl, sessions });
  return Object.freeze({
    sessions,
    signInLinks,
    enterprises: createEnterpriseService({ store, clock, signInLinks }),
    tokens: createTokenService({ store, clock }),
    settings: createSettingsService({ store, clock }),
    saml: createSamlConfigurationService({ store, clock }),
    users: createUserService({ store, clock, sessions }),
    scimUsers: createScimUserService({ store, clock }),
    scimGroups: createScimGroupService({ store, clock }),
    scimList: createScimListService({ store }),
  });
}

export type Services = ReturnType<typeof createServices>;
