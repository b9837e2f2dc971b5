import { uuidv7 } from '../../lib/ids.ts';
import { welcomeDeliveryKey } from '../../effects/email/delivery-keys.ts';
import { enqueueEmail } from '../../effects/email/enqueue-email.ts';
import { countEnterprises, findEnterpriseBySlug, insertEnterprise, listEnterprises, type EnterpriseRow } from '../../storage/repositories/enterprises.ts';
import { insertUser } from '../../storage/repositories/users.ts';
import { isUniqueViolation } from '../../storage/storage-error.ts';
import type { Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalidInput, notFound } from '../domain-error.ts';
import type { SignInLinks } from '../sessions/sign-in-links.ts';
import { loginProblem, normalizeLogin } from '../users/login.ts';

export interface CreateEnterpriseInput {
  readonly slug: string;
  readonly name: string;
  readonly ownerEmail: string;
  readonly ownerLogin?: string;
}

export interface CreatedEnterprise {
  readonly enterprise: { readonly id: string; readonly slug: string; readonly name: string };
  readonly owner: { readonly id: string; readonly login: string; readonly email: string };
  readonly signInUrl: string;
  readonly signInExpiresAt: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type EnterpriseService = ReturnType<typeof createEnterpriseService>;

export function createEnterpriseService({ store, clock, signInLinks }: { store: Store; clock: Clock; signInLinks: SignInLinks }) {
  return {
    /**
     * Creates an enterprise with its first owner, queues the owner's welcome email, and returns a one-time
     * sign-in link for that owner: the built-in way in that does not depend on the IdP.
     */
    async create(input: CreateEnterpriseInput, context: RequestContext): Promise<CreatedEnterprise> {
      const slug = input.slug.trim().toLowerCase();
      const slugIssue = loginProblem(slug);
      if (slugIssue) throw invalidInput(`enterprise slug "${input.slug}" ${slugIssue}`);
      const name = input.name.trim();
      if (name === '') throw invalidInput('the enterprise needs a name (--name)');
      const email = input.ownerEmail.trim();
      if (!EMAIL.test(email)) throw invalidInput(`"${input.ownerEmail}" is not an email address`);
      const login = ownerLogin(input.ownerLogin ?? email);
      try {
        return await store.transaction(async (trx) => {
          const now = clock.now();
          const at = now.toISOString();
          const enterprise = { id: uuidv7(now.getTime()), slug, name, created_at: at, updated_at: at };
          await insertEnterprise(trx, enterprise);
          const owner = { id: uuidv7(now.getTime()), login, email };
          await insertUser(trx, {
            enterprise_id: enterprise.id,
            ...owner,
            login_key: login,
            name: null,
            state: 'active',
            role: 'owner',
            source: 'bootstrap',
            created_at: at,
            updated_at: at,
            suspended_at: null,
          });
          await recordAudit(trx, clock, enterprise.id, context, {
            action: 'enterprise.create',
            target: { type: 'enterprise', id: enterprise.id, label: slug },
            details: { name, owner: login },
          });
          const link = await signInLinks.issue(trx, enterprise.id, owner.id, context);
          await enqueueEmail(trx, now, {
            enterpriseId: enterprise.id,
            kind: 'welcome',
            recipient: email,
            deliveryKey: welcomeDeliveryKey(owner.id),
            payload: { enterprise: name, login, signInUrl: link.url, expiresAt: link.expiresAt },
          });
          return { enterprise: { id: enterprise.id, slug, name }, owner, signInUrl: link.url, signInExpiresAt: link.expiresAt };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`an enterprise "${slug}" already exists`);
        throw error;
      }
    },

    async get(slug: string): Promise<EnterpriseRow> {
      const enterprise = await findEnterpriseBySlug(store.db, slug);
      if (!enterprise) throw notFound(`no enterprise "${slug}"`);
      return enterprise;
    },

    list: (): Promise<EnterpriseRow[]> => listEnterprises(store.db),
    count: (): Promise<number> => countEnterprises(store.db),
  };
}

function ownerLogin(value: string): string {
  const result = normalizeLogin(value);
  if (!result.ok) throw invalidInput(`cannot make a login handle: ${result.reason}; pass --owner-login`);
  return result.login;
}
