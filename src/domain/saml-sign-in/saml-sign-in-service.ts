import { serviceProviderMetadata } from '../../saml/metadata.ts';
import { serviceProvider } from '../../saml/service-provider.ts';
import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import type { Store } from '../../storage/store.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../domain-error.ts';
import type { Reconciler } from '../organizations/reconciler.ts';
import type { Sessions } from '../sessions/sessions.ts';
import { createResponseConsumer } from './consume-response.ts';
import { createRequestStarter } from './start-requests.ts';

export type SamlSignIn = ReturnType<typeof createSamlSignIn>;

/** SAML single sign-on, one service provider per enterprise: metadata, sign-in start, assertion consumer, configuration test. */
export function createSamlSignIn(deps: { store: Store; clock: Clock; publicUrl: string; sessions: Sessions; reconciler: Reconciler }) {
  const starter = createRequestStarter(deps);
  return Object.freeze({
    /** The SP metadata of enterprise `slug`. */
    async metadata(slug: string): Promise<string> {
      const enterprise = await findEnterpriseBySlug(deps.store.db, slug);
      if (!enterprise) throw notFound(`no enterprise "${slug}"`);
      return serviceProviderMetadata(serviceProvider(deps.publicUrl, enterprise.slug));
    },
    start: starter.start,
    startTest: starter.startTest,
    consume: createResponseConsumer(deps),
  });
}
