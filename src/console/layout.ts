import { html, type SafeHtml } from '../lib/html.ts';

const STYLE = `
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5}
body{margin:0;background:Canvas;color:CanvasText}
main{max-width:44rem;margin:3rem auto;padding:0 1rem}
h1{font-size:1.5rem}
button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #f0883e;outline-offset:2px}
.notice{padding:.75rem 1rem;border-radius:.375rem;border:1px solid #d0d7de}
.error{border-color:#cf222e}
`;

/** The page shell every console page shares. */
export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Provisio</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`.toString();
}
