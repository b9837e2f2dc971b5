import { uuidv7 } from '../../lib/ids.ts';
import type { SamlIdentity } from '../../saml/read-identity.ts';
import type { EnterpriseSettingsRow } from '../../storage/repositories/enterprises.ts';
import { findSamlIdentity, insertSamlIdentity, touchSamlIdentity } from '../../storage/repositories/saml-identities.ts';
import { findScimUserByUserName } from '../../storage/repositories/scim-users.ts';
import { findUserById, findUserByLogin, insertUser, type UserRow } from '../../storage/repositories/users.ts';
import type { Executor } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { normalizeLogin } from '../users/login.ts';
import { refusal, type Refusal } from './sign-in-refusal.ts';

export type Admission = { readonly user: UserRow; readonly refusal?: undefined } | { readonly user?: UserRow; readonly refusal: Refusal };

/**
 * Which account a verified identity signs in to (SPEC §6). A SCIM identity whose `userName` equals the NameID
 * (case-insensitively) always decides; with "Require SCIM user provisioning" on, it is the only way in. With it
 * off, an account SAML created earlier for this NameID is used, or one is created now (just in time).
 */
export async function admitUser(db: Executor, clock: Clock, enterpriseId: string, settings: EnterpriseSettingsRow, identity: SamlIdentity, context: RequestContext): Promise<Admission> {
  const scim = await findScimUserByUserName(db, enterpriseId, identity.nameId);
  if (scim) {
    const user = await findUserById(db, enterpriseId, scim.user_id);
    if (!user || scim.active !== 1 || user.state !== 'active') return { user, refusal: refusal('user_suspended', `the SCIM identity "${scim.user_name}" is ${scim.active !== 1 ? 'inactive' : 'linked to a suspended account'}`) };
    return { user };
  }
  if (settings.require_scim_provisioning === 1) return { refusal: refusal('user_not_provisioned', `no SCIM-provisioned user has userName "${identity.nameId}"`) };

  const link = await findSamlIdentity(db, enterpriseId, identity.nameId);
  if (link) {
    const user = await findUserById(db, enterpriseId, link.user_id);
    if (!user || user.state !== 'active') return { user, refusal: refusal('user_suspended', `the account of NameID "${identity.nameId}" is suspended`) };
    await touchSamlIdentity(db, enterpriseId, identity.nameId, clock.now().toISOString());
    return { user };
  }
  return createJustInTime(db, clock, enterpriseId, identity, context);
}

/** The login handle's source, in SPEC §6 order: the `username` attribute, the name claim, the email claim, NameID. */
const handleSource = (identity: SamlIdentity): string =>
  [identity.username, identity.nameClaim, identity.emailClaim].find((value) => value !== undefined && value !== '') ?? identity.nameId;

async function createJustInTime(db: Executor, clock: Clock, enterpriseId: string, identity: SamlIdentity, context: RequestContext): Promise<Admission> {
  const handle = normalizeLogin(handleSource(identity));
  if (!handle.ok) return { refusal: refusal('login_invalid', handle.reason) };
  const now = clock.now();
  const at = now.toISOString();
  const email = identity.emailClaim || identity.emails[0] || (identity.nameId.includes('@') ? identity.nameId : null);
  const taken = await findUserByLogin(db, enterpriseId, handle.login);
  if (taken) {
    // The first owner, made from the CLI before SAML was set up, signs in through the IdP as the same person:
    // same handle, same email. Any other account keeps its handle, and this sign-in is refused.
    const sameOwner = taken.source === 'bootstrap' && email !== null && taken.email?.toLowerCase() === email.toLowerCase();
    if (!sameOwner) return { refusal: refusal('login_taken', `the login handle "${handle.login}" belongs to another account`) };
    if (taken.state !== 'active') return { user: taken, refusal: refusal('user_suspended', `the account "${taken.login}" is suspended`) };
    await insertSamlIdentity(db, { enterprise_id: enterpriseId, name_id_key: identity.nameId.toLowerCase(), name_id: identity.nameId, user_id: taken.id, created_at: at, last_sign_in_at: at });
    await recordAudit(db, clock, enterpriseId, context, {
      action: 'user.link_saml',
      target: { type: 'user', id: taken.id, label: taken.login },
      details: { nameId: identity.nameId },
    });
    return { user: taken };
  }
  const user: UserRow = {
    enterprise_id: enterpriseId,
    id: uuidv7(now.getTime()),
    login: handle.login,
    login_key: handle.login,
    name: identity.fullName || null,
    email,
    state: 'active',
    role: 'member',
    source: 'saml',
    created_at: at,
    updated_at: at,
    suspended_at: null,
  };
  await insertUser(db, user);
  await insertSamlIdentity(db, { enterprise_id: enterpriseId, name_id_key: identity.nameId.toLowerCase(), name_id: identity.nameId, user_id: user.id, created_at: at, last_sign_in_at: at });
  await recordAudit(db, clock, enterpriseId, context, {
    action: 'user.create',
    target: { type: 'user', id: user.id, label: user.login },
    details: { method: 'saml_just_in_time', nameId: identity.nameId },
  });
  return { user };
}
