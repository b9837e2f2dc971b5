import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { invalidValue, ScimError, uniqueness } from '../../scim/errors.ts';
import type { PatchOperation } from '../../scim/messages/patch-request.ts';
import { applyPatch } from '../../scim/patch/apply-patch.ts';
import { planMemberChanges } from '../../scim/patch/plan-member-changes.ts';
import { validateResource } from '../../scim/resource/validate-resource.ts';
import { GROUP_RESOURCE_TYPE } from '../../scim/schemas/resource-types.ts';
import {
  addGroupMembers,
  clearGroupMembers,
  deleteScimGroup,
  insertScimGroup,
  listGroupMembers,
  removeGroupMembers,
  updateScimGroup,
  type ScimGroupRow,
} from '../../storage/repositories/scim-groups.ts';
import { existingScimUserIds } from '../../storage/repositories/scim-users.ts';
import { uniqueViolationOf } from '../../storage/storage-error.ts';
import type { Executor, Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { groupColumns, memberIdsOf, storedGroup, toGroupResource } from './group-resource.ts';
import type { Reconciler } from '../organizations/reconciler.ts';
import { groupWriteScope, membersJoinedOrLeft, scimGroupCause } from '../organizations/scim-triggers.ts';
import { checkIfMatch, writtenAtVersion } from './preconditions.ts';
import type { ScimContext } from './scim-context.ts';
import type { Resource } from './user-resource.ts';

const notFound = (id: string) => new ScimError(404, undefined, `Group ${id} not found`);

function uniquenessOf(error: unknown, resource: Resource): ScimError | undefined {
  const constraint = uniqueViolationOf(error);
  if (constraint === undefined) return undefined;
  if (/display_name/.test(constraint)) return uniqueness(`displayName "${String(resource.displayName)}" is already taken`);
  if (/external_id/.test(constraint)) return uniqueness(`externalId "${String(resource.externalId)}" is already taken`);
  return undefined;
}

/** What a group write did to its membership: the users whose groups changed. */
export interface MembershipChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export type ScimGroupService = ReturnType<typeof createScimGroupService>;

/**
 * The SCIM Group resource. Members are rows of a table: adding or removing some costs the same in a group of
 * ten or of 100,000, and a group's members are read only when a response shows them.
 */
export function createScimGroupService({ store, clock, reconciler }: { store: Store; clock: Clock; reconciler: Reconciler }) {
  const lock = store.dialect === 'postgres';

  async function load(db: Executor, context: ScimContext, id: string, forUpdate = false): Promise<ScimGroupRow> {
    // Ids are UUIDs this service made: anything else names no group and never reaches the database.
    if (!isUuid(id)) throw notFound(id);
    const query = db.selectFrom('scim_groups').selectAll().where('enterprise_id', '=', context.enterprise.id).where('id', '=', id);
    const row = await (forUpdate && lock ? query.forUpdate() : query).executeTakeFirst();
    if (!row) throw notFound(id);
    return row;
  }

  /** Members must be users of the same enterprise (else 400 `invalidValue`, and nothing changes). */
  async function checkMembers(db: Executor, context: ScimContext, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await existingScimUserIds(db, context.enterprise.id, ids.filter(isUuid));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw invalidValue(`members are not users of this enterprise: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }

  async function guarded<T>(resource: Resource, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw uniquenessOf(error, resource) ?? error;
    }
  }

  /** Saves the group's own attributes as a new version. */
  async function saveVersion(db: Executor, row: ScimGroupRow, next: Resource, at: string): Promise<ScimGroupRow> {
    const updated = { ...row, ...groupColumns(next), last_modified: at, version: row.version + 1, resource: storedGroup(next) };
    await writtenAtVersion(updateScimGroup(db, updated, row.version));
    return updated;
  }

  async function audit(db: Executor, context: ScimContext, row: ScimGroupRow, action: string, details: Record<string, unknown>): Promise<void> {
    await recordAudit(db, clock, context.enterprise.id, context, { action: `scim.group.${action}`, target: { type: 'scim_group', id: row.id, label: row.display_name }, details });
  }

  const service = {
    async create(context: ScimContext, body: unknown): Promise<Resource> {
      const resource = validateResource(GROUP_RESOURCE_TYPE, body, 'create');
      return guarded(resource, () =>
        store.transaction(async (trx) => {
          const now = clock.now();
          const at = now.toISOString();
          const members = memberIdsOf(resource);
          await checkMembers(trx, context, members);
          const row: ScimGroupRow = {
            enterprise_id: context.enterprise.id,
            id: uuidv7(now.getTime()),
            ...groupColumns(resource),
            created_at: at,
            last_modified: at,
            version: 1,
            member_count: 0,
            resource: storedGroup(resource),
          };
          await insertScimGroup(trx, row);
          await addGroupMembers(trx, context.enterprise.id, row.id, members, at);
          await audit(trx, context, row, 'create', { members: members.length });
          await reconciler.reconcile(trx, context.enterprise, context, [{ kind: 'group-members', groupId: row.id }], scimGroupCause('create', row));
          return toGroupResource({ ...row, member_count: members.length }, await listGroupMembers(trx, context.enterprise.id, row.id));
        }),
      );
    },

    /** GET /Groups/{id}; `withMembers: false` (excludedAttributes=members) never reads the member table. */
    async get(context: ScimContext, id: string, withMembers: boolean): Promise<Resource> {
      const row = await load(store.db, context, id);
      return toGroupResource(row, withMembers ? await listGroupMembers(store.db, context.enterprise.id, id) : undefined);
    },

    /** PUT /Groups/{id}: attributes and the member list replaced. */
    async replace(context: ScimContext, id: string, body: unknown, ifMatch: string | undefined, withMembers: boolean): Promise<Resource> {
      const next = validateResource(GROUP_RESOURCE_TYPE, body, 'replace');
      return guarded(next, () =>
        store.transaction(async (trx) => {
          const row = await load(trx, context, id, true);
          checkIfMatch(ifMatch, row.version);
          const members = memberIdsOf(next);
          await checkMembers(trx, context, members);
          const at = clock.now().toISOString();
          const updated = await saveVersion(trx, row, next, at);
          const before = new Set(await clearGroupMembers(trx, context.enterprise.id, id));
          await addGroupMembers(trx, context.enterprise.id, id, members, at);
          const kept = members.filter((m) => before.has(m)).length;
          await audit(trx, context, row, 'replace', {
            renamed: row.display_name !== updated.display_name,
            membersAdded: members.length - kept,
            membersRemoved: before.size - kept,
          });
          const renamed = updated.display_name_key !== row.display_name_key;
          await reconciler.reconcile(trx, context.enterprise, context, groupWriteScope(id, renamed, membersJoinedOrLeft(before, members)), scimGroupCause('replace', updated));
          return toGroupResource(updated, withMembers ? await listGroupMembers(trx, context.enterprise.id, id) : undefined);
        }),
      );
    },

    /**
     * PATCH /Groups/{id}. Member changes are planned as a set delta and applied to the member table without
     * reading the group's members; only a filter on members that is not `value eq` makes the group load whole.
     */
    async patch(context: ScimContext, id: string, operations: readonly PatchOperation[], ifMatch: string | undefined, withMembers: boolean): Promise<Resource> {
      const plan = planMemberChanges(operations);
      return store.transaction(async (trx) => {
        const row = await load(trx, context, id, true);
        checkIfMatch(ifMatch, row.version);
        const current = toGroupResource(row, undefined);
        const at = clock.now().toISOString();
        let added: string[] = [];
        let removed: string[] = [];
        let next: Resource;
        let changedAttributes: readonly string[];
        if (plan.kind === 'delta') {
          const result = applyPatch(GROUP_RESOURCE_TYPE, current, plan.others, plan.othersAt);
          next = result.resource;
          changedAttributes = result.changedAttributes;
          if (plan.replaceAll !== undefined) {
            await checkMembers(trx, context, plan.replaceAll);
            removed = await clearGroupMembers(trx, context.enterprise.id, id);
            added = await addGroupMembers(trx, context.enterprise.id, id, plan.replaceAll, at);
          } else {
            await checkMembers(trx, context, plan.add);
            added = await addGroupMembers(trx, context.enterprise.id, id, plan.add, at);
            // A member id that is not a UUID is no member: nothing to remove, nothing to send to the database.
            removed = await removeGroupMembers(trx, context.enterprise.id, id, plan.remove.filter(isUuid));
          }
        } else {
          const members = await listGroupMembers(trx, context.enterprise.id, id);
          const result = applyPatch(GROUP_RESOURCE_TYPE, toGroupResource(row, members), operations);
          next = result.resource;
          changedAttributes = result.changedAttributes.filter((a) => a !== 'members');
          const before = new Set(members.map((m) => m.id));
          const after = memberIdsOf(next);
          await checkMembers(trx, context, after.filter((m) => !before.has(m)));
          const afterSet = new Set(after);
          added = await addGroupMembers(trx, context.enterprise.id, id, after.filter((m) => !before.has(m)), at);
          removed = await removeGroupMembers(trx, context.enterprise.id, id, [...before].filter((m) => !afterSet.has(m)));
        }
        const membersChanged = added.length + removed.length > 0;
        if (changedAttributes.length === 0 && !membersChanged) {
          return toGroupResource(row, withMembers ? await listGroupMembers(trx, context.enterprise.id, id) : undefined);
        }
        const updated = await guarded(next, () => saveVersion(trx, row, next, at));
        await audit(trx, context, row, 'patch', { attributes: changedAttributes, membersAdded: added.length, membersRemoved: removed.length });
        const renamed = updated.display_name_key !== row.display_name_key;
        await reconciler.reconcile(trx, context.enterprise, context, groupWriteScope(id, renamed, [...added, ...removed]), scimGroupCause('patch', updated));
        return toGroupResource(updated, withMembers ? await listGroupMembers(trx, context.enterprise.id, id) : undefined);
      });
    },

    async delete(context: ScimContext, id: string, ifMatch?: string): Promise<void> {
      await store.transaction(async (trx) => {
        const row = await load(trx, context, id, true);
        checkIfMatch(ifMatch, row.version);
        // The members are read into the reconciliation's scope before the delete takes them away.
        const reconciliation = reconciler.begin(trx, context.enterprise);
        await reconciliation.include({ kind: 'group-members', groupId: id });
        await writtenAtVersion(deleteScimGroup(trx, context.enterprise.id, id, row.version));
        await audit(trx, context, row, 'delete', { members: row.member_count });
        await reconciliation.finish(context, scimGroupCause('delete', row));
      });
    },
  };
  return service;
}
