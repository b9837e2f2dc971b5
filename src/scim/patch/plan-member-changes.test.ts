import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import type { PatchOperation } from '../messages/patch-request.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types.ts';
import { applyPatch } from './apply-patch.ts';
import { planMemberChanges, type MemberDelta } from './plan-member-changes.ts';

interface PlanCase {
  readonly name: string;
  readonly operations: readonly PatchOperation[];
  readonly expected?: { readonly kind: 'delta' | 'load' } & Record<string, unknown>;
  readonly error?: { readonly status: number; readonly scimType: string };
}

const table = JSON.parse(readFileSync(new URL('../../../test/fixtures/scim/patch.json', import.meta.url), 'utf8')) as {
  readonly resources: { readonly group: Record<string, unknown> };
  readonly memberPlans: { readonly cases: readonly PlanCase[] };
};
const group = table.resources.group;

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function memberIds(resource: Readonly<Record<string, unknown>>): string[] {
  const members = (resource.members ?? []) as readonly { readonly value: string }[];
  return members.map((member) => member.value.toLowerCase()).sort();
}

/** The member ids after a delta, as the membership table would hold them. */
function applyDelta(ids: readonly string[], delta: MemberDelta): string[] {
  const lower = (list: readonly string[]) => list.map((id) => id.toLowerCase());
  if (delta.replaceAll !== undefined) return [...new Set(lower(delta.replaceAll))].sort();
  const removed = new Set(lower(delta.remove));
  return [...new Set([...ids.filter((id) => !removed.has(id)), ...lower(delta.add)])].sort();
}

describe('planMemberChanges: cases from test/fixtures/scim/patch.json', () => {
  for (const c of table.memberPlans.cases) {
    it(c.name, () => {
      const run = () => planMemberChanges(c.operations);
      if (c.error !== undefined) {
        assert.throws(run, (error: unknown) => {
          assert.ok(error instanceof ScimError, `not a ScimError: ${String(error)}`);
          assert.deepEqual({ status: error.status, scimType: error.scimType }, c.error, error.message);
          return true;
        });
        return;
      }
      const plan = run();
      if (c.expected?.kind === 'load') {
        assert.equal(plan.kind, 'load');
        assert.ok(plan.kind === 'load' && /^Operations\[\d+\]: ./.test(plan.reason), 'the reason names the operation');
        return;
      }
      assert.ok(plan.kind === 'delta', `planned as ${plan.kind}`);
      const { othersAt, ...delta } = plan;
      assert.equal(othersAt.length, plan.others.length);
      assert.deepEqual(asJson({ ...delta, replaceAll: plan.replaceAll ?? null }), c.expected);
    });
  }
});

describe('planMemberChanges agrees with applyPatch', () => {
  for (const c of table.memberPlans.cases) {
    if (c.expected?.kind !== 'delta') continue;
    it(c.name, (t) => {
      let patched: Record<string, unknown>;
      try {
        patched = applyPatch(GROUP_RESOURCE_TYPE, group, c.operations).resource;
      } catch (error) {
        // The documented differences: an unknown attribute elsewhere (left to applyPatch), and removing a
        // non-member through `members[value eq "id"]`, which a set delta cannot see.
        assert.ok(error instanceof ScimError && ['invalidPath', 'noTarget'].includes(error.scimType ?? ''), String(error));
        t.diagnostic('applyPatch refuses the request; nothing to compare');
        return;
      }
      const plan = planMemberChanges(c.operations);
      assert.equal(plan.kind, 'delta');
      if (plan.kind !== 'delta') return;
      assert.deepEqual(applyDelta(memberIds(group), plan), memberIds(patched));
      const rest = applyPatch(GROUP_RESOURCE_TYPE, { ...group, members: undefined }, plan.others).resource;
      const { members: _members, ...others } = patched;
      assert.deepEqual(asJson(rest), asJson(others), 'the other operations give the same group');
    });
  }
});

describe('planMemberChanges', () => {
  it('answers load for a resource type without members', () => {
    const plan = planMemberChanges([{ op: 'replace', path: 'displayName', value: 'x' }], USER_RESOURCE_TYPE);
    assert.equal(plan.kind, 'load');
  });

  it('returns frozen lists', () => {
    const plan = planMemberChanges([{ op: 'add', path: 'members', value: [{ value: 'a' }] }]);
    assert.ok(plan.kind === 'delta' && Object.isFrozen(plan.add) && Object.isFrozen(plan.remove) && Object.isFrozen(plan.others));
  });

  it("keeps each other operation's position in the request, for applyPatch to name the one that fails", () => {
    const operations: PatchOperation[] = [
      { op: 'add', path: 'members', value: [{ value: 'a' }] },
      { op: 'replace', path: undefined, value: { displayName: 'x', members: [{ value: 'b' }] } },
      { op: 'remove', path: 'members[value eq "a"]', value: undefined },
      { op: 'replace', path: 'displayName', value: 7 },
    ];
    const plan = planMemberChanges(operations);
    assert.ok(plan.kind === 'delta' && Object.isFrozen(plan.othersAt));
    assert.deepEqual(plan.othersAt, [1, 3]);
    assert.throws(
      () => applyPatch(GROUP_RESOURCE_TYPE, { ...group, members: undefined }, plan.others, plan.othersAt),
      (error: unknown) => error instanceof ScimError && error.scimType === 'invalidValue' && error.message.startsWith('Operations[3]: '),
    );
  });

  it('names the failing operation in the error detail', () => {
    assert.throws(
      () => planMemberChanges([{ op: 'add', path: 'members', value: [{ value: 'a' }] }, { op: 'remove', path: undefined, value: undefined }]),
      (error: unknown) => error instanceof ScimError && error.message.startsWith('Operations[1]: '),
    );
  });
});
