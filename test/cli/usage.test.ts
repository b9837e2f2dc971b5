import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { assertOneLineFailure, BIN, runProvisio } from './support.ts';

const SYSTEM_NODE = '/usr/bin/node';

/** The machine's own Node when it is too old for the project: the case the package bin re-executes for. */
function oldSystemNode(): string | undefined {
  if (!existsSync(SYSTEM_NODE)) return undefined;
  const major = Number(execFileSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
  return major < 24 ? SYSTEM_NODE : undefined;
}

// None of these reach a database, so they share nothing and run side by side.
describe('provisio help, mistakes and bad configuration', { concurrency: true }, () => {
  let dir: string;
  // A database that is never created: every case here stops before opening it.
  const env = () => ({ DATABASE_URL: `sqlite:${join(dir, 'unused.db')}` });

  before(() => void (dir = mkdtempSync(join(tmpdir(), 'provisio-usage-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--help lists every command and exits 0', async () => {
    const result = await runProvisio(['--help'], env());
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: provisio <command> \[options\]/);
    for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`^  ${command.name} `, 'm'));
    assert.equal(result.stderr, '');
  });

  test('<command> --help shows that command and its options, and exits 0', async () => {
    const result = await runProvisio(['token', 'create', '--help'], env());
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: provisio token create --enterprise <slug>/);
    assert.match(result.stdout, /--expires-in/);
  });

  test('an unknown command exits 2 with one line', async () => {
    const line = assertOneLineFailure(await runProvisio(['frobnicate'], env()), 2);
    assert.match(line, /unknown command "frobnicate"/);
  });

  test('an unknown flag exits 2 with one line naming it', async () => {
    const line = assertOneLineFailure(await runProvisio(['enterprise', 'list', '--frobnicate'], env()), 2);
    assert.match(line, /--frobnicate/);
  });

  test('a bad port is one line naming PORT', async () => {
    const line = assertOneLineFailure(await runProvisio(['enterprise', 'list', '--port', 'abc'], env()), 1);
    assert.match(line, /PORT/);
  });

  test('an unreachable PostgreSQL is one line saying so', async () => {
    const line = assertOneLineFailure(await runProvisio(['enterprise', 'list'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' }), 1);
    assert.match(line, /cannot reach PostgreSQL at 127\.0\.0\.1:1/);
  });

  test('an unsupported DATABASE_URL is one line naming DATABASE_URL, as JSON with --json', async () => {
    const line = assertOneLineFailure(await runProvisio(['enterprise', 'list'], { DATABASE_URL: 'mysql://x' }), 1);
    assert.match(line, /DATABASE_URL/);
    const json = await runProvisio(['enterprise', 'list', '--json'], { DATABASE_URL: 'mysql://x' });
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.stderr).error, 'config');
  });

  test('the package bin runs the CLI on this Node', async () => {
    const result = await runProvisio(['--help'], env(), { script: BIN });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: provisio <command>/);
  });

  const oldNode = oldSystemNode();
  if (oldNode) {
    test(`the package bin re-runs itself on Node 24 when started by the older ${oldNode}`, async () => {
      const [help, mistake] = await Promise.all([runProvisio(['--help'], env(), { node: oldNode, script: BIN }), runProvisio(['frobnicate'], env(), { node: oldNode, script: BIN })]);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /^Usage: provisio <command>/);
      assertOneLineFailure(mistake, 2);
    });
  }
});
