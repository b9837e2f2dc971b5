import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { ScimError, uniqueness } from '../../scim/errors.ts';
import type { PatchOperation } from '../../scim/messages/patch-request.ts';
import { applyPatch } from '../../scim/patch/apply-patch.ts';
import { checkImmutable } from '../../scim/resource/check-immutable.ts';
import { validateResource } from '../../scim/resource/validate-resource.ts';
import { USER_RESOURCE_TYPE } from '../../scim/schemas/resource-types.ts';
import { groupIdsOfMember, touchScimGroups } from '../../storage/repositories/scim-groups.ts';
import {
  deleteScimUser,
  findScimUser,
  groupsOfScimUser,
  insertScimUser,
  updateScimUser,
  type ScimUserRow,
} from '../../storage/repositories/scim-users.ts';
import { uniqueViolationOf } from '../../storage/storage-error.ts';
import type { Executor, Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { provisionAccount } from './account.ts';
import type { Reconciler } from '../organizations/reconciler.ts';
import { scimUserCause } from '../organizations/scim-triggers.ts';
import { syncAccount } from './account-state.ts';
import { queueOnboarding } from './onboarding.ts';
import { checkIfMatch, writtenAtVersion } from './preconditions.ts';
import type { ScimContext } from './scim-context.ts';
import { contactEmail, personName, storedUser, toUserResource, userColumns, userEmails, type Resource } from './user-resource.ts';

const notFound = (id: string) => new ScimError(404, undefined, `User ${id} not found`);

/** Maps a broken unique constraint to the SCIM answer (RFC 7644 §3.3: 409 `uniqueness`). */
function uniquenessOf(error: unknown, resource: Resource): ScimError | undefined {
  const constraint = uniqueViolationOf(error);
  if (constraint === undefined) return undefined;
  if (/user_name/.test(constraint)) return uniqueness(`userName "${String(resource.userName)}" is already taken`);
  if (/external_id/.test(constraint)) return uniqueness(`externalId "${String(resource.externalId)}" is already taken`);
  return undefined;
}

/** A login handle taken between our look-up and our insert (two creates at once): run the transaction again. */
const isLoginRace = (error: unknown): boolean => /login/.test(uniqueViolationOf(error) ?? '');

export type ScimUserService = ReturnType<typeof createScimUserService>;

/** The SCIM User resource (RFC 7644 §3.3–§3.6) and the account lifecycle behind it (SPEC §5). */
export function createScimUserService({ store, clock, reconciler }: { store: Store; clock: Clock; reconciler: Reconciler }) {
  const lock = store.dialect === 'postgres';

  async function load(db: Executor, context: ScimContext, id: string, forUpdate = false): Promise<ScimUserRow> {
    // Ids are UUIDs this service made: anything else names no user, and never reaches the database (PostgreSQL
    // refuses text holding U+0000, which a URL can carry as %00).
    if (!isUuid(id)) throw notFound(id);
    const query = db.selectFrom('scim_users').selectAll().where('enterprise_id', '=', context.enterprise.id).where('id', '=', id);
    const row = await (forUpdate && lock ? query.forUpdate() : query).executeTakeFirst();
    if (!row) throw notFound(id);
    return row;
  }

  async function withUniqueness<T>(resource: Resource, work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (isLoginRace(error) && attempt < 5) continue;
        throw uniquenessOf(error, resource) ?? error;
      }
    }
  }

  /** Writes the next version of a user, and the account effects of any change of `active`. */
  async function write(db: Executor, context: ScimContext, row: ScimUserRow, given: Resource, action: string, details: Record<string, unknown>): Promise<Resource> {
    // `active` left out (a PATCH that removes it, a PUT without it) keeps the account as it is, in the JSON too.
    const next = given.active === undefined ? { ...given, active: row.active === 1 } : given;
    const now = clock.now();
    const at = now.toISOString();
    const updated: ScimUserRow = { ...row, ...userColumns(next), last_modified: at, version: row.version + 1, resource: storedUser(next) };
    await writtenAtVersion(updateScimUser(db, updated, row.version, userEmails(next)));
    const wasActive = row.active === 1;
    const isActive = updated.active === 1;
    const active = wasActive === isActive ? undefined : isActive;
    const email = contactEmail(next);
    const account = await syncAccount(db, clock, context, row.user_id, { active, name: personName(next), email, cause: `scim:${action}` });
    // An identity created inactive is onboarded when it is first activated.
    const onboarded = active === true && account !== undefined && (await queueOnboarding(db, now, context, updated, { login: account.login, email }));
    // SPEC §5: the user's organizations follow its groups; deactivation empties them, reactivation invites again.
    await reconciler.reconcile(db, context.enterprise, context, [{ kind: 'users', ids: [row.user_id] }], scimUserCause(action, row, !wasActive && isActive));
    await recordAudit(db, clock, context.enterprise.id, context, {
      action: `scim.user.${action}`,
      target: { type: 'scim_user', id: row.id, label: updated.user_name },
      details: { ...details, ...(wasActive !== isActive ? { active: isActive } : {}), ...(onboarded ? { onboardingEmail: email } : {}) },
    });
    return toUserResource(updated, await groupsOfScimUser(db, context.enterprise.id, row.id));
  }

  return {
    /** POST /Users: a new identity and its account, and the onboarding email in the same transaction. */
    async create(context: ScimContext, body: unknown): Promise<Resource> {
      const resource = validateResource(USER_RESOURCE_TYPE, body, 'create');
      if (resource.active === undefined) resource.active = true;
      return withUniqueness(resource, () =>
        store.transaction(async (trx) => {
          const now = clock.now();
          const at = now.toISOString();
          const email = contactEmail(resource);
          const account = await provisionAccount(trx, {
            enterpriseId: context.enterprise.id,
            userName: String(resource.userName),
            email,
            name: personName(resource),
            active: resource.active !== false,
            at,
          });
          const row: ScimUserRow = {
            enterprise_id: context.enterprise.id,
            id: uuidv7(now.getTime()),
            user_id: account.userId,
            ...userColumns(resource),
            created_at: at,
            last_modified: at,
            version: 1,
            resource: storedUser(resource),
          };
          await insertScimUser(trx, row, userEmails(resource));
          if (row.active === 1) await queueOnboarding(trx, now, context, row, { login: account.login, email });
          await recordAudit(trx, clock, context.enterprise.id, context, {
            action: 'scim.user.create',
            target: { type: 'scim_user', id: row.id, label: row.user_name },
            details: { login: account.login, linkedExistingAccount: account.linked, onboardingEmail: email ?? null },
          });
          // A new account is in no group, organization or invitation yet: only a taken-over one can have any.
          if (account.linked) await reconciler.reconcile(trx, context.enterprise, context, [{ kind: 'users', ids: [row.user_id] }], scimUserCause('create', row));
          return toUserResource(row, []);
        }),
      );
    },

    async get(context: ScimContext, id: string): Promise<Resource> {
      const row = await load(store.db, context, id);
      return toUserResource(row, await groupsOfScimUser(store.db, context.enterprise.id, id));
    },

    /** PUT /Users/{id}: the whole resource replaced (RFC 7644 §3.5.1); `active` left out keeps its value. */
    async replace(context: ScimContext, id: string, body: unknown, ifMatch?: string): Promise<Resource> {
      const next = validateResource(USER_RESOURCE_TYPE, body, 'replace');
      return withUniqueness(next, () =>
        store.transaction(async (trx) => {
          const row = await load(trx, context, id, true);
          checkIfMatch(ifMatch, row.version);
          const current = JSON.parse(row.resource) as Resource;
          checkImmutable(USER_RESOURCE_TYPE, current, next);
          if (next.active === undefined) next.active = row.active === 1;
          return write(trx, context, row, next, 'replace', {});
        }),
      );
    },

    /** PATCH /Users/{id}: operations applied in order, all or nothing (RFC 7644 §3.5.2). */
    async patch(context: ScimContext, id: string, operations: readonly PatchOperation[], ifMatch?: string): Promise<Resource> {
      return store.transaction(async (trx) => {
        const row = await load(trx, context, id, true);
        checkIfMatch(ifMatch, row.version);
        const result = applyPatch(USER_RESOURCE_TYPE, toUserResource(row, []), operations);
        if (!result.changed) return toUserResource(row, await groupsOfScimUser(trx, context.enterprise.id, id));
        try {
          return await write(trx, context, row, result.resource, 'patch', { attributes: result.changedAttributes });
        } catch (error) {
          throw uniquenessOf(error, result.resource) ?? error;
        }
      });
    },

    /**
     * DELETE /Users/{id}: the account is deprovisioned as with `active: false` and kept, suspended, for the audit
     * trail; the identity is removed, so its `userName` can be provisioned again.
     */
    async delete(context: ScimContext, id: string, ifMatch?: string): Promise<void> {
      await store.transaction(async (trx) => {
        const row = await load(trx, context, id, true);
        checkIfMatch(ifMatch, row.version);
        const at = clock.now().toISOString();
        const groups = (await groupIdsOfMember(trx, context.enterprise.id, id)).map((g) => g.group_id);
        await syncAccount(trx, clock, context, row.user_id, { active: false, name: null, email: undefined, cause: 'scim:delete' });
        await writtenAtVersion(deleteScimUser(trx, context.enterprise.id, id, row.version));
        await touchScimGroups(trx, context.enterprise.id, groups, at, -1);
        await reconciler.reconcile(trx, context.enterprise, context, [{ kind: 'users', ids: [row.user_id] }], scimUserCause('delete', row));
        await recordAudit(trx, clock, context.enterprise.id, context, {
          action: 'scim.user.delete',
          target: { type: 'scim_user', id, label: row.user_name },
          details: { groupsLeft: groups.length },
        });
      });
    },
  };
}
