import { cliContext } from '../../domain/context.ts';
import { requirePositional, requireString, withRuntime, type Command } from '../command.ts';

export const enterpriseCreate: Command = {
  name: 'enterprise create',
  usage: 'provisio enterprise create <slug> --name <name> --owner-email <email> [--owner-login <login>]',
  summary: 'Create an enterprise and its first owner; prints a one-time sign-in link for that owner.',
  options: {
    name: { type: 'string', description: 'Display name of the enterprise.' },
    'owner-email': { type: 'string', description: "The first owner's email address." },
    'owner-login': { type: 'string', description: "The first owner's login (default: from the email)." },
  },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const created = await services.enterprises.create(
        {
          slug: requirePositional(input, 0, 'enterprise slug, e.g. provisio enterprise create acme --name "Acme" --owner-email you@acme.example'),
          name: requireString(input, 'name'),
          ownerEmail: requireString(input, 'owner-email'),
          ownerLogin: input.options['owner-login'] as string | undefined,
        },
        cliContext(),
      );
      return {
        json: created,
        text: [
          `Created enterprise "${created.enterprise.slug}" with owner "${created.owner.login}" <${created.owner.email}>.`,
          `One-time sign-in link for ${created.owner.login} (valid until ${created.signInExpiresAt}):`,
          `  ${created.signInUrl}`,
        ].join('\n'),
      };
    }),
};

export const enterpriseList: Command = {
  name: 'enterprise list',
  usage: 'provisio enterprise list',
  summary: 'List the enterprises on this server.',
  options: {},
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const rows = (await services.enterprises.list()).map((e) => ({ id: e.id, slug: e.slug, name: e.name, createdAt: e.created_at }));
      return { json: rows, text: rows.length === 0 ? 'No enterprises yet.' : rows.map((e) => `${e.slug}\t${e.name}`).join('\n') };
    }),
};

export const ownerSignInLink: Command = {
  name: 'owner sign-in-link',
  usage: 'provisio owner sign-in-link --enterprise <slug> --login <login>',
  summary: 'Print a new one-time sign-in link for an enterprise owner (works while the IdP is down).',
  options: {
    enterprise: { type: 'string', description: 'Enterprise slug.' },
    login: { type: 'string', description: "The owner's login." },
  },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const link = await services.signInLinks.issueForOwner(requireString(input, 'enterprise'), requireString(input, 'login'), cliContext());
      return { json: link, text: `One-time sign-in link (valid until ${link.expiresAt}):\n  ${link.url}` };
    }),
};
