import { cliContext } from '../../domain/context.ts';
import type { OrganizationView } from '../../domain/organizations/organization-view.ts';
import { requirePositional, requireString, UsageError, withRuntime, type Command, type CommandInput } from '../command.ts';

const enterprise = { enterprise: { type: 'string', description: 'Enterprise slug.' } } as const;

const line = (o: OrganizationView): string =>
  [o.login, o.name ?? '', `${o.members} member${o.members === 1 ? '' : 's'}`, `${o.owners} owner${o.owners === 1 ? '' : 's'}`, `${o.pendingInvitations} invited`, o.archived ? 'archived' : '', o.unowned ? 'UNOWNED' : '']
    .join('\t')
    .trimEnd();

function role(input: CommandInput): 'owner' | 'member' {
  const value = requireString(input, 'role');
  if (value !== 'owner' && value !== 'member') throw new UsageError(`--role must be owner or member, got "${value}"`);
  return value;
}

export const orgCreate: Command = {
  name: 'org create',
  usage: 'provisio org create --enterprise <slug> <login> [--name <name>] [--owner <login>]',
  summary: 'Create an organization; the members of the SCIM group of the same name are invited at once.',
  options: { ...enterprise, name: { type: 'string', description: 'Display name.' }, owner: { type: 'string', description: 'Login of its first owner.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const login = requirePositional(input, 0, 'organization login');
      const created = await services.organizations.create(
        requireString(input, 'enterprise'),
        { login, name: input.options.name as string | undefined, owner: input.options.owner as string | undefined },
        cliContext(),
      );
      return { json: created, text: `Created organization ${created.login}; ${created.reconciled.invited} invited from its group.` };
    }),
};

export const orgRename: Command = {
  name: 'org rename',
  usage: 'provisio org rename --enterprise <slug> <login> <new-login>',
  summary: 'Rename an organization; the SCIM group of the new name now decides its members.',
  options: enterprise,
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const login = requirePositional(input, 0, 'organization login');
      const next = requirePositional(input, 1, 'new login');
      const renamed = await services.organizations.update(requireString(input, 'enterprise'), login, { login: next }, cliContext());
      const r = renamed.reconciled;
      return { json: renamed, text: `Renamed ${login} to ${renamed.login}${r ? `: ${r.invited} invited, ${r.cancelled} invitations cancelled, ${r.removed} removed` : ''}.` };
    }),
};

export const orgArchive: Command = {
  name: 'org archive',
  usage: 'provisio org archive --enterprise <slug> <login>',
  summary: 'Archive an organization: no group maps to it any more and its pending invitations are cancelled.',
  options: enterprise,
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const login = requirePositional(input, 0, 'organization login');
      const archived = await services.organizations.update(requireString(input, 'enterprise'), login, { archived: true }, cliContext());
      return { json: archived, text: `Archived ${archived.login}.` };
    }),
};

export const orgList: Command = {
  name: 'org list',
  usage: 'provisio org list --enterprise <slug> [--unowned]',
  summary: "List an enterprise's organizations with member, owner and invitation counts.",
  options: { ...enterprise, unowned: { type: 'boolean', description: 'Only organizations without an owner.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const organizations = await services.organizations.list(requireString(input, 'enterprise'), { unowned: input.options.unowned === true });
      return { json: organizations, text: organizations.length === 0 ? 'No organizations.' : organizations.map(line).join('\n') };
    }),
};

export const orgMembers: Command = {
  name: 'org members',
  usage: 'provisio org members --enterprise <slug> <org> [--role owner|member] [--login <login>]',
  summary: "List an organization's members; with --login, say why that user is or is not one.",
  options: { ...enterprise, role: { type: 'string', description: 'Only owners or only members.' }, login: { type: 'string', description: 'Explain this user instead.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const slug = requireString(input, 'enterprise');
      const org = requirePositional(input, 0, 'organization login');
      if (typeof input.options.login === 'string') {
        const why = await services.orgMembers.explain(slug, org, input.options.login);
        return { json: why, text: why.reason };
      }
      const members = await services.orgMembers.list(slug, org, { role: input.options.role === undefined ? undefined : role(input), limit: 1000 });
      return { json: members, text: members.length === 0 ? 'No members.' : members.map((m) => [m.login, m.role, m.since, m.source].join('\t')).join('\n') };
    }),
};

export const orgSetRole: Command = {
  name: 'org set-role',
  usage: 'provisio org set-role --enterprise <slug> <org> --login <login> --role <owner|member>',
  summary: "Make a member an owner of the organization, or an owner a member (not its last owner).",
  options: { ...enterprise, login: { type: 'string', description: "The member's login." }, role: { type: 'string', description: 'owner or member.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const org = requirePositional(input, 0, 'organization login');
      const member = await services.orgMembers.setRole(requireString(input, 'enterprise'), org, requireString(input, 'login'), role(input), cliContext());
      return { json: member, text: `${member.login} is now ${member.role === 'owner' ? 'an owner' : 'a member'} of ${org}.` };
    }),
};

export const orgTakeOwnership: Command = {
  name: 'org take-ownership',
  usage: 'provisio org take-ownership --enterprise <slug> <org> --login <enterprise-owner>',
  summary: 'Make an enterprise owner an owner of an unowned organization (recorded in the audit log).',
  options: { ...enterprise, login: { type: 'string', description: 'Login of the enterprise owner who becomes its owner.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const org = requirePositional(input, 0, 'organization login');
      const owner = await services.orgMembers.takeOwnership(requireString(input, 'enterprise'), org, requireString(input, 'login'), cliContext());
      return { json: owner, text: `${owner.login} is now an owner of ${org}.` };
    }),
};
