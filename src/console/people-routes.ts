import type { FastifyInstance } from 'fastify';
import { html } from '../lib/html.ts';
import { counted } from './views/format.ts';
import { HTML, type ConsoleDeps } from './console-deps.ts';
import { consolePath } from './layout.ts';
import { consoleOf } from './owner-guard.ts';
import { peoplePage } from './people-page.ts';
import { personPage } from './person-page.ts';
import { confirmationPage, isConfirmed } from './views/confirm-page.ts';
import { clearSessionCookie } from './session-cookie.ts';

type Slug = { Params: { slug: string } };
type Person = { Params: { slug: string; login: string } };
type ListQuery = { Querystring: { q?: string; state?: string; source?: string; after?: string; before?: string } };

/** People, one person, and "sign out everywhere". */
export function registerPeopleRoutes(app: FastifyInstance, { services, secureCookies }: ConsoleDeps): void {
  const personPath = (slug: string, login: string) => consolePath(slug, `/people/${encodeURIComponent(login)}`);

  app.get<Slug & ListQuery>('/:slug/people', async (request, reply) => {
    const { frame } = consoleOf(request);
    const filters = { q: request.query.q ?? '', state: request.query.state ?? '', source: request.query.source ?? '' };
    const page = await services.console.people.list(frame.slug, { ...filters, after: request.query.after, before: request.query.before });
    return reply.type(HTML).send(peoplePage(frame, filters, page));
  });

  app.get<Person & { Querystring: { signed_out?: string } }>('/:slug/people/:login', async (request, reply) => {
    const { frame } = consoleOf(request);
    const person = await services.console.people.person(frame.slug, request.params.login);
    const count = Number(request.query.signed_out);
    const notice = request.query.signed_out === undefined || !Number.isInteger(count) ? undefined : `Signed out everywhere: ${counted(count, 'session')} ended.`;
    return reply.type(HTML).send(personPage(frame, person, notice));
  });

  app.post<Person>('/:slug/people/:login/sign-out-everywhere', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    const person = await services.console.people.person(frame.slug, request.params.login);
    if (!isConfirmed(request.body)) {
      return reply.type(HTML).send(
        confirmationPage(frame, 'people', {
          title: `Sign ${person.user.login} out everywhere?`,
          message: html`<p>Every session of <strong>${person.user.login}</strong> ends now, on every device${person.user.login === frame.login ? html`, including this one` : ''}. They can sign in again through your identity provider.</p>`,
          action: consolePath(frame.slug, `/people/${encodeURIComponent(person.user.login)}/sign-out-everywhere`),
          fields: {},
          confirmLabel: 'Sign out everywhere',
          cancelHref: personPath(frame.slug, person.user.login),
        }),
      );
    }
    const ended = await services.console.people.signOutEverywhere(frame.slug, person.user.login, context);
    return reply.redirect(`${personPath(frame.slug, person.user.login)}?signed_out=${ended}`, 303);
  });

  app.post<Slug>('/:slug/sign-out', async (request, reply) => {
    const { owner, context } = consoleOf(request);
    await services.console.people.signOut(owner, context);
    return clearSessionCookie(reply, secureCookies).redirect('/', 303);
  });
}
