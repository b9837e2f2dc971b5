import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decideMembership, type PairFacts, type ReconcileMode } from './decide-membership.ts';

const facts = (overrides: Partial<PairFacts>): PairFacts => ({ desired: false, member: false, pendingInvitation: false, orgArchived: false, userActive: true, ...overrides });
const SCIM: ReconcileMode = { kind: 'scim' };
const SIGN_IN: ReconcileMode = { kind: 'sign-in', deprovision: false };
const SIGN_IN_DEPROVISION: ReconcileMode = { kind: 'sign-in', deprovision: true };

test('SCIM: a desired organization gets one invitation, and only one', () => {
  assert.deepEqual(decideMembership(facts({ desired: true }), SCIM), ['invite']);
  assert.deepEqual(decideMembership(facts({ desired: true, pendingInvitation: true }), SCIM), [], 'already invited: no second invitation');
  assert.deepEqual(decideMembership(facts({ desired: true, member: true }), SCIM), [], 'already a member');
});

test('SCIM: outside D(U), stale invitations are cancelled and memberships removed', () => {
  assert.deepEqual(decideMembership(facts({ pendingInvitation: true }), SCIM), ['cancel']);
  assert.deepEqual(decideMembership(facts({ member: true }), SCIM), ['remove']);
  assert.deepEqual(decideMembership(facts({}), SCIM), []);
});

test('a sign-in adds directly and accepts a pending invitation; it removes only with deprovisioning', () => {
  assert.deepEqual(decideMembership(facts({ desired: true }), SIGN_IN), ['add']);
  assert.deepEqual(decideMembership(facts({ desired: true, pendingInvitation: true }), SIGN_IN), ['accept']);
  assert.deepEqual(decideMembership(facts({ desired: true, member: true }), SIGN_IN), []);
  assert.deepEqual(decideMembership(facts({ member: true, pendingInvitation: true }), SIGN_IN), ['cancel']);
  assert.deepEqual(decideMembership(facts({ member: true }), SIGN_IN), []);
  assert.deepEqual(decideMembership(facts({ member: true }), SIGN_IN_DEPROVISION), ['remove']);
});

test('a suspended user loses every membership and invitation, archived organizations included', () => {
  const suspended = facts({ userActive: false, member: true, pendingInvitation: true });
  assert.deepEqual(decideMembership({ ...suspended, desired: true }, SCIM), ['cancel', 'remove'], 'a suspended user has no desired organizations');
  assert.deepEqual(decideMembership({ ...suspended, orgArchived: true }, SCIM), ['cancel', 'remove']);
});

test('an archived organization is frozen for active users', () => {
  for (const mode of [SCIM, SIGN_IN, SIGN_IN_DEPROVISION]) {
    assert.deepEqual(decideMembership(facts({ orgArchived: true, member: true, pendingInvitation: true }), mode), []);
    assert.deepEqual(decideMembership(facts({ orgArchived: true, desired: true }), mode), []);
  }
});

const anyFacts = fc.record({ desired: fc.boolean(), member: fc.boolean(), pendingInvitation: fc.boolean(), orgArchived: fc.boolean(), userActive: fc.boolean() });
const anyMode = fc.oneof(fc.constant(SCIM), fc.constant(SIGN_IN), fc.constant(SIGN_IN_DEPROVISION));

/** The state a pair is in after its actions, as the decision describes them. */
function after(state: PairFacts, actions: readonly string[]): PairFacts {
  let { member, pendingInvitation } = state;
  for (const action of actions) {
    if (action === 'invite') pendingInvitation = true;
    if (action === 'add') member = true;
    if (action === 'accept') [member, pendingInvitation] = [true, false];
    if (action === 'cancel') pendingInvitation = false;
    if (action === 'remove') member = false;
  }
  return { ...state, member, pendingInvitation };
}

test('deciding again after acting changes nothing (an IdP retry is a no-op)', () => {
  fc.assert(
    fc.property(anyFacts, anyMode, (state, mode) => {
      const next = after(state, decideMembership(state, mode));
      assert.deepEqual(decideMembership(next, mode), []);
    }),
  );
});

test('after a SCIM decision, an active user of an unarchived organization is a member or invited exactly when it is desired', () => {
  fc.assert(
    fc.property(anyFacts, (state) => {
      fc.pre(state.userActive && !state.orgArchived);
      const next = after(state, decideMembership(state, SCIM));
      assert.equal(next.member || next.pendingInvitation, state.desired);
    }),
  );
});
