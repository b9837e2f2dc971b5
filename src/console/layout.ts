import { html, type SafeHtml } from '../lib/html.ts';
import { assetPath } from './assets.ts';
import { CSRF_FIELD } from './csrf.ts';

/** The console's top-level sections, in navigation order. */
export const SECTIONS = [
  { id: 'overview', label: 'Overview', path: '' },
  { id: 'people', label: 'People', path: '/people' },
  { id: 'organizations', label: 'Organizations', path: '/organizations' },
  { id: 'groups', label: 'Groups', path: '/groups' },
  { id: 'audit', label: 'Audit log', path: '/audit-log' },
  { id: 'emails', label: 'Emails', path: '/emails' },
  { id: 'settings', label: 'Settings', path: '/settings/security' },
] as const;
export type Section = (typeof SECTIONS)[number]['id'];

/** Who is looking at which enterprise: what every console page needs to draw its frame and forms. */
export interface ConsoleFrame {
  readonly slug: string;
  readonly enterpriseName: string;
  readonly login: string;
  /** The session's CSRF token, for every form on the page. */
  readonly csrf: string;
}

/** The base path of an enterprise's console. */
export const consolePath = (slug: string, rest = ''): string => `/enterprises/${encodeURIComponent(slug)}${rest}`;

function shell(title: string, header: SafeHtml, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Provisio</title>
<link rel="stylesheet" href="${assetPath('console.css')}">
<script src="${assetPath('console.js')}" defer></script>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
${header}
<main id="content" tabindex="-1">${body}</main>
<div id="live-status" class="visually-hidden" role="status" aria-live="polite"></div>
</body>
</html>`.toString();
}

/** The page shell for pages outside an enterprise's console (sign-in, refusals, messages). */
export function page(title: string, body: SafeHtml): string {
  return shell(title, html`<header class="top"><div class="bar"><a class="brand" href="/">Provisio</a></div></header>`, body);
}

/** A page of an enterprise's console: its navigation, who is signed in, and a sign-out button. */
export function consolePage(frame: ConsoleFrame, section: Section, title: string, body: SafeHtml): string {
  const items = SECTIONS.map(
    (s) => html`<li><a href="${consolePath(frame.slug, s.path)}"${s.id === section ? html` aria-current="page"` : ''}>${s.label}</a></li>`,
  );
  const header = html`<header class="top">
<div class="bar">
<a class="brand" href="${consolePath(frame.slug)}">Provisio · ${frame.enterpriseName}</a>
<div class="who"><span>Signed in as <strong>${frame.login}</strong></span>
<form class="inline" method="post" action="${consolePath(frame.slug, '/sign-out')}"><input type="hidden" name="${CSRF_FIELD}" value="${frame.csrf}"><button type="submit" class="link">Sign out</button></form></div>
</div>
<nav class="main" aria-label="Console"><ul>${items}</ul></nav>
</header>`;
  return shell(title, header, body);
}
