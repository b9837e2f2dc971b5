import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');

/**
 * Which folders each folder may import from (STYLE.md: http/console/cli → scim/saml → domain → storage;
 * domain → effects only to enqueue; lib knows nothing of the project). `typeOnly` folders may be named in
 * `import type` only.
 */
const RULES: Readonly<Record<string, { allow: readonly string[]; typeOnly?: readonly string[] }>> = {
  lib: { allow: [] },
  config: { allow: ['lib'] },
  scim: { allow: ['lib'] },
  saml: { allow: ['lib'] },
  storage: { allow: ['lib', 'config', 'scim'] },
  effects: { allow: ['lib', 'config', 'storage'] },
  domain: { allow: ['lib', 'config', 'storage', 'effects', 'scim', 'saml'] },
  http: { allow: ['lib', 'config', 'domain', 'scim', 'saml'], typeOnly: ['storage'] },
  console: { allow: ['lib', 'config', 'domain', 'http'], typeOnly: ['storage'] },
  cli: { allow: ['lib', 'config', 'domain'], typeOnly: ['storage'] },
};

/** Errors an edge must recognise to show an operator one clear line. */
const SHARED_ERRORS = ['storage/storage-error.ts', 'config/config-error.ts'];

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const layerOf = (file: string): string => relative(SRC, file).split('/')[0];

test('imports flow one way between the folders of src/', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    const rule = RULES[from];
    if (!rule) continue; // main.ts and server.ts, the composition root, may import anything
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[3];
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      const to = layerOf(target);
      if (to === from) continue;
      const typeOnly = match[2] !== undefined;
      const allowed =
        rule.allow.includes(to) || (typeOnly && (rule.typeOnly ?? []).includes(to)) || (from !== 'lib' && SHARED_ERRORS.includes(relative(SRC, target)));
      if (!allowed) violations.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('relative imports name their .ts file, as Node needs without a build', () => {
  const missing: string[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (match[3].startsWith('.') && !match[3].endsWith('.ts') && !match[3].endsWith('.json')) missing.push(`${relative(SRC, file)}: ${match[3]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('no source file is over 400 lines', () => {
  const long = sourceFiles(SRC)
    .map((file) => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length }))
    .filter((f) => f.lines > 400);
  assert.deepEqual(long, []);
});
