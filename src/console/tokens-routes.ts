import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/domain-error.ts';
import { html } from '../lib/html.ts';
import { field, fields, HTML, type ConsoleDeps } from './console-deps.ts';
import { consolePath } from './layout.ts';
import { consoleOf } from './owner-guard.ts';
import { DEFAULT_EXPIRY, EXPIRY_CHOICES, newTokenPage, tokensPage, type TokenFormValues } from './tokens-page.ts';
import { confirmationPage, isConfirmed } from './views/confirm-page.ts';

type Slug = { Params: { slug: string } };
const DAY_MS = 24 * 60 * 60 * 1000;

/** Personal access tokens: list, create (shown once), revoke. */
export function registerTokenRoutes(app: FastifyInstance, { services }: ConsoleDeps): void {
  const path = (slug: string) => consolePath(slug, '/settings/tokens');
  const blankForm = (note = ''): TokenFormValues => ({ note, scopes: ['admin:enterprise'], expiry: DEFAULT_EXPIRY });
  const now = () => services.console.now().toISOString();

  app.get<Slug & { Querystring: { note?: string; revoked?: string } }>('/:slug/settings/tokens', async (request, reply) => {
    const { frame } = consoleOf(request);
    const tokens = await services.tokens.list(frame.slug);
    const notice = request.query.revoked ? { kind: 'success' as const, text: `Token ${request.query.revoked} revoked.` } : undefined;
    return reply.type(HTML).send(tokensPage(frame, tokens, now(), blankForm(request.query.note?.slice(0, 200)), notice));
  });

  app.post<Slug>('/:slug/settings/tokens', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    const values: TokenFormValues = { note: field(request.body, 'note').trim(), scopes: fields(request.body, 'scopes'), expiry: field(request.body, 'expiry') || DEFAULT_EXPIRY };
    try {
      if (values.note === '') throw new DomainError('invalid_input', 'Give the token a note, so you can tell it apart later.');
      if (!EXPIRY_CHOICES.some(([value]) => value === values.expiry)) throw new DomainError('invalid_input', `unknown expiration "${values.expiry}"`);
      const expiresInMs = values.expiry === 'none' ? undefined : Number(values.expiry) * DAY_MS;
      const created = await services.tokens.create({ enterprise: frame.slug, owner: frame.login, scopes: values.scopes, note: values.note, expiresInMs }, context);
      // Shown once: never cached, never redirected to a page that could show it again.
      return reply.type(HTML).header('cache-control', 'no-store').send(newTokenPage(frame, created));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'invalid_input') throw error;
      const tokens = await services.tokens.list(frame.slug);
      return reply.code(400).type(HTML).send(tokensPage(frame, tokens, now(), values, { kind: 'error', text: error.message }));
    }
  });

  app.post<Slug & { Params: { id: string } }>('/:slug/settings/tokens/:id/revoke', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    const token = (await services.tokens.list(frame.slug)).find((t) => t.id === request.params.id);
    if (!token) throw new DomainError('not_found', 'No such token in this enterprise.');
    if (!isConfirmed(request.body)) {
      return reply.type(HTML).send(
        confirmationPage(frame, 'settings', {
          title: 'Revoke this token?',
          message: html`<p>The token <code>${token.hint}</code> (“${token.note}”, owned by ${token.owner}) stops working at once. If your identity provider uses it, provisioning stops until you give it a new token.</p>`,
          action: consolePath(frame.slug, `/settings/tokens/${encodeURIComponent(token.id)}/revoke`),
          fields: {},
          confirmLabel: 'Revoke token',
          cancelHref: path(frame.slug),
        }),
      );
    }
    await services.tokens.revoke(frame.slug, token.id, context);
    return reply.redirect(`${path(frame.slug)}?revoked=${encodeURIComponent(token.hint)}`, 303);
  });
}
