import { cliContext } from '../../domain/context.ts';
import type { UserRow } from '../../storage/repositories/users.ts';
import { requireString, UsageError, withRuntime, type Command } from '../command.ts';

const common = {
  enterprise: { type: 'string', description: 'Enterprise slug.' },
  login: { type: 'string', description: "The user's login." },
} as const;

const describe = (user: UserRow) => ({ id: user.id, login: user.login, email: user.email, role: user.role, state: user.state, source: user.source });

export const userSetRole: Command = {
  name: 'user set-role',
  usage: 'provisio user set-role --enterprise <slug> --login <login> --role <owner|member>',
  summary: "Make a user an enterprise owner or member (the last active owner can't be demoted).",
  options: { ...common, role: { type: 'string', description: 'owner or member.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const role = requireString(input, 'role');
      if (role !== 'owner' && role !== 'member') throw new UsageError(`--role must be owner or member, got "${role}"`);
      const user = await services.users.setRole(requireString(input, 'enterprise'), requireString(input, 'login'), role, cliContext());
      return { json: describe(user), text: `${user.login} is now an enterprise ${user.role}.` };
    }),
};

export const userSuspend: Command = {
  name: 'user suspend',
  usage: 'provisio user suspend --enterprise <slug> --login <login>',
  summary: 'Suspend a user: sessions end at once, tokens stop working, organization memberships and invitations end.',
  options: common,
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const user = await services.users.suspend(requireString(input, 'enterprise'), requireString(input, 'login'), cliContext());
      return { json: describe(user), text: `${user.login} is suspended.` };
    }),
};

export const userUnsuspend: Command = {
  name: 'user unsuspend',
  usage: 'provisio user unsuspend --enterprise <slug> --login <login>',
  summary: 'Make a suspended user active again (one provisioned over SCIM is invited again to its groups’ organizations).',
  options: common,
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const user = await services.users.unsuspend(requireString(input, 'enterprise'), requireString(input, 'login'), cliContext());
      return { json: describe(user), text: `${user.login} is active.` };
    }),
};
