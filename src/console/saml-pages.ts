import type { Refusal } from '../domain/saml-sign-in/sign-in-refusal.ts';
import { html } from '../lib/html.ts';
import { page } from './layout.ts';
import { signInPath } from './signed-in.ts';

/** What a person sees when a sign-in is refused: what happened, in plain words, and the code owners can look up. */
export function refusalPage(slug: string, refused: Refusal, requestId: string): string {
  return page(
    'Cannot sign in',
    html`<h1>Cannot sign in</h1>
<p class="notice error" role="alert">${refused.person}</p>
<p>Reason: <code>${refused.code}</code>. Request id: <code>${requestId}</code>. Your enterprise's owners can find the details in its audit log.</p>
<p><a href="${signInPath(slug)}">Try again</a></p>`,
  );
}

/** The result of "Test SAML configuration". Nobody is signed in by it. */
export function testResultPage(outcome: { ok: true; issuer: string; nameId: string; attributes: Readonly<Record<string, readonly string[]>> } | { ok: false; refusal: Refusal }): string {
  if (!outcome.ok) {
    return page(
      'SAML test failed',
      html`<h1>SAML configuration test failed</h1>
<p class="notice error" role="alert">Reason: <code>${outcome.refusal.code}</code>: ${outcome.refusal.detail}</p>
<p>Nobody was signed in. Fix the configuration and test again before saving it.</p>`,
    );
  }
  const rows = Object.entries(outcome.attributes).map(([name, values]) => html`<tr><th scope="row">${name}</th><td>${values.join(', ')}</td></tr>`);
  return page(
    'SAML test succeeded',
    html`<h1>SAML configuration test succeeded</h1>
<p class="notice" role="status">The identity provider <code>${outcome.issuer}</code> answered with a valid, signed assertion for <strong>${outcome.nameId}</strong>. Nobody was signed in.</p>
<table><caption>Attributes received</caption><tbody>${rows.length > 0 ? rows : html`<tr><td>none</td></tr>`}</tbody></table>`,
  );
}

/** A plain message page, for the states that are not refusals of a response. */
export const messagePage = (title: string, message: string): string => page(title, html`<h1>${title}</h1><p class="notice error" role="alert">${message}</p>`);
