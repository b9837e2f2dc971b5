import { invalidValue, mutability, noTarget } from '../errors.ts';
import type { Filter } from '../filter/ast.ts';
import type { PatchOp, PatchOperation } from '../messages/patch-request.ts';
import { parsePath } from '../path/parse.ts';
import { coerceValue } from '../resource/coerce-value.ts';
import { findAttribute, findSchema, findSubAttribute, splitAttributeName } from '../schemas/lookup.ts';
import { GROUP_RESOURCE_TYPE } from '../schemas/resource-types.ts';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/types.ts';
import { findKey, isJsonObject, type JsonObject } from './json-value.ts';
import { MemberSet } from './member-set.ts';
import { locateError, operationOp, operationPath } from './operation-parts.ts';

/** The `members` changes of a Group PATCH as a set delta, found without reading the current members. */
export interface MemberDelta {
  readonly kind: 'delta';
  /** Member ids to add; none is also in `remove`. */
  readonly add: readonly string[];
  /** Member ids to remove; ids that are not members are to be ignored. */
  readonly remove: readonly string[];
  /** The whole new member list when the operations replace it; `add` and `remove` are then empty. */
  readonly replaceAll: readonly string[] | undefined;
  /** The operations on other attributes, in order, for `applyPatch` on the group without its members. */
  readonly others: readonly PatchOperation[];
  /** The position of each of `others` among the request's operations, for `applyPatch` to name in an error. */
  readonly othersAt: readonly number[];
}

/** The operations need the current members: the caller loads the group and uses `applyPatch` instead. */
export interface MembersNeeded {
  readonly kind: 'load';
  readonly reason: string;
}

export type MemberPlan = MemberDelta | MembersNeeded;

interface Planner {
  readonly members: AttributeDefinition;
  readonly set: MemberSet;
  readonly others: PatchOperation[];
  readonly othersAt: number[];
}

/**
 * Turns the `members` operations of a Group PATCH into member ids to add, to remove, or a full replacement,
 * so a group of 100,000 members is never loaded to change one. The other operations are returned as they
 * are (a path-less value loses its `members` key) for `applyPatch` on the group's small attributes.
 *
 * Planned: `add`/`replace` of `members` (path or path-less key); `remove` of `members[value eq "id"]`
 * (or several `value eq` joined by `or`); `remove` of `members` with a value list (Entra ID: only those) or
 * without a value (all). Ids compare without case, as `members.value` is not caseExact (RFC 7643 §8.7.1).
 *
 * Not planned, answered `{kind: 'load'}`: any other filter on `members` (`members[display co "x"]`),
 * `add`/`replace` through a filter, and paths to a member's sub-attribute other than the read-only `display`.
 *
 * Differences from `applyPatch` that a set cannot avoid: removing an id that is not a member through
 * `members[value eq "id"]` is not `noTarget` here (an IdP retry of a removal succeeds), and a member's
 * `type`, `$ref` and `display` are not kept (the membership table stores ids).
 *
 * @throws ScimError as `applyPatch` would for the same operations on `members`: `invalidPath`, `noTarget`
 *   (remove without path), `invalidValue` (no value, or a member without a `value` id), `mutability`
 *   (a path to the read-only `members.display`).
 */
export function planMemberChanges(
  operations: readonly PatchOperation[],
  resourceType: ResourceTypeDefinition = GROUP_RESOURCE_TYPE,
): MemberPlan {
  const members = findAttribute(resourceType, { urn: undefined, attribute: 'members', subAttribute: undefined })?.attribute;
  if (members === undefined) return { kind: 'load', reason: `a ${resourceType.name} has no members attribute` };
  const planner: Planner = { members, set: new MemberSet(), others: [], othersAt: [] };
  for (const [position, operation] of operations.entries()) {
    let reason: string | undefined;
    try {
      reason = planOperation(planner, resourceType, operation);
    } catch (error) {
      throw locateError(error, position);
    }
    if (reason !== undefined) return { kind: 'load', reason: `Operations[${position}]: ${reason}` };
    while (planner.othersAt.length < planner.others.length) planner.othersAt.push(position);
  }
  return { kind: 'delta', ...planner.set.delta(), others: Object.freeze(planner.others), othersAt: Object.freeze(planner.othersAt) };
}

/** Plans one operation; answers why the members are needed when it cannot be planned. */
function planOperation(planner: Planner, resourceType: ResourceTypeDefinition, operation: PatchOperation): string | undefined {
  const op = operationOp(operation);
  const path = operationPath(operation);
  if (path === undefined) {
    if (op === 'remove') throw noTarget('remove needs a path (RFC 7644 §3.5.2.2)');
    return planPathless(planner, resourceType, op, operation);
  }
  if (findSchema(resourceType, path) !== undefined) {
    if (isJsonObject(operation.value) && findKey(operation.value, planner.members.name) !== undefined) {
      return 'members inside a schema-URN value';
    }
    planner.others.push(operation);
    return undefined;
  }
  const { attrPath, filter, valueSubAttribute } = parsePath(path);
  const match = findAttribute(resourceType, attrPath);
  if (match?.attribute !== planner.members) {
    planner.others.push(operation);
    return undefined;
  }
  const subName = attrPath.subAttribute ?? valueSubAttribute;
  if (subName !== undefined) {
    const sub = findSubAttribute(resourceType, planner.members, subName);
    if (sub?.mutability === 'readOnly') throw mutability(`"${path}": ${sub.name} is readOnly and cannot be changed (RFC 7643 §2.2)`);
    return `a path to a member's ${subName}`;
  }
  if (filter !== undefined) {
    const ids = op === 'remove' ? idsOf(filter) : undefined;
    if (ids === undefined) return `${op} through the filter of "${path}"`;
    planner.set.remove(ids);
    return undefined;
  }
  planMembersValue(planner, op, operation.value, path);
  return undefined;
}

/** A path-less value: its `members` key is planned, the rest goes on as a path-less operation. */
function planPathless(planner: Planner, resourceType: ResourceTypeDefinition, op: PatchOp, operation: PatchOperation): string | undefined {
  const value = operation.value;
  if (!isJsonObject(value)) {
    planner.others.push(operation);
    return undefined;
  }
  const rest: JsonObject = {};
  let membersValue: { readonly value: unknown; readonly key: string } | undefined;
  for (const [key, member] of Object.entries(value)) {
    const schema = findSchema(resourceType, key);
    if (schema !== undefined && isJsonObject(member) && findKey(member, planner.members.name) !== undefined) {
      return 'members inside a schema-URN key';
    }
    const path = schema === undefined ? splitAttributeName(resourceType, key) : undefined;
    const match = path === undefined ? undefined : findAttribute(resourceType, path);
    if (match?.attribute !== planner.members) rest[key] = member;
    else if (match.subAttribute !== undefined) return `the key "${key}"`;
    else membersValue = { value: member, key };
  }
  if (Object.keys(rest).length > 0) planner.others.push(Object.freeze({ op, path: undefined, value: rest }));
  // A null member adds nothing and on replace empties the list (RFC 7643 §2.5), as applyPatch reads it.
  if (membersValue !== undefined && (membersValue.value !== null || op === 'replace')) {
    planMembersValue(planner, op, membersValue.value, membersValue.key);
  }
  return undefined;
}

/** `add`, `replace` or `remove` of `members` with a value (or none), RFC 7644 §3.5.2.1–3. */
function planMembersValue(planner: Planner, op: PatchOp, value: unknown, label: string): void {
  if (op === 'remove') {
    if (value === undefined || value === null) planner.set.replaceAll([]);
    else planner.set.remove(memberIds(planner.members, value, label));
    return;
  }
  if (value === undefined) throw invalidValue(`${op} of "${label}" needs a value (RFC 7644 §3.5.2)`);
  if (op === 'add') {
    if (value === null) throw invalidValue(`add to "${label}" needs a value (RFC 7644 §3.5.2.1)`);
    planner.set.add(memberIds(planner.members, value, label));
  } else {
    planner.set.replaceAll(value === null ? [] : memberIds(planner.members, value, label));
  }
}

/** The ids of a `members` value: a list, one member, JSON text of either, or a bare id. */
function memberIds(members: AttributeDefinition, value: unknown, label: string): string[] {
  const elements = (coerceValue(members, value, label) as unknown[] | undefined) ?? [];
  return elements.map((element) => {
    const id = isJsonObject(element) ? element.value : undefined;
    if (typeof id !== 'string' || id === '') throw invalidValue(`"${label}": every member needs a value, the member's id`);
    return id;
  });
}

/** The ids named by `value eq "id"`, alone or joined by `or`; undefined for any other filter. */
function idsOf(filter: Filter): string[] | undefined {
  if (filter.kind === 'or') {
    const left = idsOf(filter.left);
    const right = idsOf(filter.right);
    return left === undefined || right === undefined ? undefined : [...left, ...right];
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string') return undefined;
  return filter.path.attribute.toLowerCase() === 'value' ? [filter.value] : undefined;
}
