import { cliContext } from '../../domain/context.ts';
import { parseDuration } from '../../lib/duration.ts';
import { requirePositional, requireString, UsageError, withRuntime, type Command } from '../command.ts';

export const tokenCreate: Command = {
  name: 'token create',
  usage: 'provisio token create --enterprise <slug> --owner <login> --scope admin:enterprise [--expires-in 90d] [--note <text>]',
  summary: 'Create a personal access token for an enterprise owner; the token is printed once.',
  options: {
    enterprise: { type: 'string', description: 'Enterprise slug.' },
    owner: { type: 'string', description: 'Login of the enterprise owner who owns the token.' },
    scope: { type: 'string', multiple: true, description: 'A scope (repeat, or separate with commas).' },
    'expires-in': { type: 'string', description: 'Lifetime such as 30d, 12h or 2w (default: no expiry).' },
    note: { type: 'string', description: 'What the token is for, e.g. "Okta provisioning".' },
  },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const scopes = ((input.options.scope as string[] | undefined) ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
      if (scopes.length === 0) throw new UsageError('--scope is required, e.g. --scope admin:enterprise');
      const expiresIn = input.options['expires-in'] as string | undefined;
      const expiresInMs = expiresIn === undefined ? undefined : parseDuration(expiresIn);
      if (expiresIn !== undefined && expiresInMs === undefined) throw new UsageError(`--expires-in must look like 90d, 12h, 30m or 2w, got "${expiresIn}"`);
      const created = await services.tokens.create(
        { enterprise: requireString(input, 'enterprise'), owner: requireString(input, 'owner'), scopes, note: input.options.note as string | undefined, expiresInMs },
        cliContext(),
      );
      return {
        json: { id: created.id, token: created.token, expiresAt: created.summary.expiresAt, scopes: created.summary.scopes },
        text: [
          created.token,
          '',
          `Token ${created.id} for ${created.summary.owner} (${created.summary.scopes.join(', ')}), ${created.summary.expiresAt ? `expires ${created.summary.expiresAt}` : 'no expiry'}.`,
          'Store it now: it is not shown again. It stops working if its owner is suspended or stops being an enterprise owner.',
        ].join('\n'),
      };
    }),
};

export const tokenList: Command = {
  name: 'token list',
  usage: 'provisio token list --enterprise <slug> [--owner <login>]',
  summary: "List an enterprise's tokens (never the secrets).",
  options: {
    enterprise: { type: 'string', description: 'Enterprise slug.' },
    owner: { type: 'string', description: 'Only the tokens of this owner.' },
  },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const tokens = await services.tokens.list(requireString(input, 'enterprise'), input.options.owner as string | undefined);
      const text = tokens.map((t) =>
        [t.id, t.owner, t.hint, t.scopes.join(','), t.revokedAt ? 'revoked' : t.expiresAt ? `expires ${t.expiresAt}` : 'no expiry', t.lastUsedAt ? `used ${t.lastUsedAt}` : 'never used'].join('\t'),
      );
      return { json: tokens, text: text.length === 0 ? 'No tokens.' : text.join('\n') };
    }),
};

export const tokenRevoke: Command = {
  name: 'token revoke',
  usage: 'provisio token revoke --enterprise <slug> <token-id>',
  summary: 'Revoke a token at once.',
  options: { enterprise: { type: 'string', description: 'Enterprise slug.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const id = requirePositional(input, 0, 'token id (see provisio token list)');
      const result = await services.tokens.revoke(requireString(input, 'enterprise'), id, cliContext());
      return { json: { id, ...result }, text: result.revoked ? `Revoked token ${id}.` : `Token ${id} was already revoked.` };
    }),
};
