import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SETTINGS } from '../../src/config/settings.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

test('the README gives the two commands', () => {
  assert.match(README, /npm install && npm start/);
  assert.match(README, /^npm test$/m);
});

test('the README configuration table lists every setting with its flag and default', () => {
  for (const setting of SETTINGS) {
    const row = README.split('\n').find((line) => line.startsWith(`| \`${setting.env}\` |`));
    assert.ok(row, `README row for ${setting.env}`);
    assert.ok(row.includes(`\`--${setting.flag}\``), `${setting.env} row names --${setting.flag}`);
    if (setting.default !== undefined) assert.ok(row.includes(`\`${setting.default}\``), `${setting.env} row gives its default`);
  }
});

test('the README lists every CLI command', () => {
  for (const command of COMMANDS) {
    const [group, verb] = command.name.split(' ');
    const named = README.includes(`provisio ${command.name}`) || (verb !== undefined && new RegExp(`provisio ${group} [a-z-|\\\\]*${verb}`).test(README));
    assert.ok(named, `README mentions provisio ${command.name}`);
  }
});
