import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateToken } from '../../src/domain/tokens/token-format.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { ERROR_SCHEMA, GROUP_SCHEMA, startScimServer, USER_SCHEMA, type Method, type ScimServer } from '../support/scim.ts';

/**
 * One entry of the corpus. `path`, `body` and header values may hold `{{userId}}` and `{{groupId}}` (a seeded
 * user and group) and `{{repeat N}}TEXT{{/repeat}}` (TEXT N times), so large or deep inputs stay readable.
 * `token`: `none` sends no Authorization header, `forged` a well-formed token the server never issued,
 * `tampered` the real token with its last character changed; a header set to null is left out.
 */
interface BadRequest {
  readonly name: string;
  readonly method: Method;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | null>>;
  readonly token?: 'none' | 'forged' | 'tampered';
  readonly body?: string;
  readonly status: number;
  readonly scimType?: string;
}

const corpus: readonly BadRequest[] = JSON.parse(readFileSync(new URL('../fixtures/scim/bad-requests.json', import.meta.url), 'utf8'));

/** The tables a SCIM request may change, read whole in a stable order (the audit log aside: failures are logged). */
const WATCHED = [
  ['scim_users', ['enterprise_id', 'id']],
  ['scim_user_emails', ['enterprise_id', 'scim_user_id', 'position']],
  ['scim_groups', ['enterprise_id', 'id']],
  ['scim_group_members', ['enterprise_id', 'group_id', 'member_id']],
  ['users', ['enterprise_id', 'id']],
  ['outbox', ['enterprise_id', 'id']],
] as const;

async function snapshot(scim: ScimServer): Promise<Record<string, unknown[]>> {
  const db = scim.server.runtime.store.db;
  const tables: Record<string, unknown[]> = {};
  for (const [table, order] of WATCHED) {
    let query = db.selectFrom(table).selectAll();
    for (const column of order) query = query.orderBy(column as never);
    tables[table] = await query.execute();
  }
  return tables;
}

const expand = (text: string, ids: Record<string, string>): string =>
  text
    .replace(/\{\{repeat (\d+)\}\}([\s\S]*?)\{\{\/repeat\}\}/g, (_, times: string, unit: string) => unit.repeat(Number(times)))
    .replace(/\{\{(userId|groupId)\}\}/g, (_, name: string) => ids[name]);

function authorization(entry: BadRequest, token: string): Record<string, string> {
  switch (entry.token) {
    case 'none':
      return {};
    case 'forged':
      return { authorization: `Bearer ${generateToken()}` };
    case 'tampered':
      return { authorization: `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` };
    default:
      return { authorization: `Bearer ${token}` };
  }
}

function headersOf(entry: BadRequest, token: string, ids: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/scim+json', ...authorization(entry, token) };
  for (const [name, value] of Object.entries(entry.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = expand(value, ids);
  }
  return headers;
}

test('the corpus holds at least 200 requests, each named once and expecting an error status', () => {
  assert.ok(corpus.length >= 200, `only ${corpus.length} entries`);
  assert.equal(new Set(corpus.map((e) => e.name)).size, corpus.length, 'names are unique');
  for (const entry of corpus) assert.ok(entry.status >= 400 && entry.status < 500, `${entry.name}: ${entry.status}`);
});

for (const kind of testDatabaseKinds()) {
  describe(`SCIM bad requests (${kind})`, () => {
    let scim: ScimServer;
    const ids: Record<string, string> = {};
    let baseline: Record<string, unknown[]>;

    before(async () => {
      // A small body limit, so the 413 entries need only 70 kB.
      scim = await startScimServer(kind, { settings: { BODY_LIMIT: '65536' } });
      const user = await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'corpus.seed@acme.example', externalId: 'corpus-seed', emails: [{ value: 'corpus.seed@acme.example', type: 'work', primary: true }] });
      assert.equal(user.statusCode, 201, user.body);
      ids.userId = user.json().id;
      const group = await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'corpus-seed', members: [{ value: ids.userId }] });
      assert.equal(group.statusCode, 201, group.body);
      ids.groupId = group.json().id;
      const taken = await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'corpus-taken' });
      assert.equal(taken.statusCode, 201, taken.body);
      baseline = await snapshot(scim);
    });
    after(() => scim.server.close());

    test('every bad request gets its RFC 7644 §3.12 error, and no 5xx', async () => {
      const failures: string[] = [];
      for (const entry of corpus) {
        const response = await scim.server.app.inject({
          method: entry.method,
          url: expand(entry.path, ids),
          headers: headersOf(entry, scim.token, ids),
          ...(entry.body === undefined ? {} : { payload: expand(entry.body, ids) }),
        });
        const problems = checkError(entry, response.statusCode, String(response.headers['content-type'] ?? ''), response.body);
        if (problems.length > 0) failures.push(`${entry.method} ${entry.name}: ${problems.join('; ')} — ${response.body.slice(0, 300)}`);
      }
      assert.deepEqual(failures, [], `${failures.length} of ${corpus.length} entries failed:\n${failures.join('\n')}`);
    });

    test('the corpus changed no user, group, membership, account or email', async () => {
      assert.deepEqual(await snapshot(scim), baseline);
    });
  });
}

/** What is wrong with one response, as short sentences (empty when it is the error the entry expects). */
function checkError(entry: BadRequest, status: number, contentType: string, text: string): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`server error ${status}`);
  if (status !== entry.status) problems.push(`status ${status}, expected ${entry.status}`);
  if (!/^application\/scim\+json/.test(contentType)) problems.push(`content type "${contentType}"`);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, 'body is not JSON'];
  }
  if (!Array.isArray(body.schemas) || body.schemas.length !== 1 || body.schemas[0] !== ERROR_SCHEMA) problems.push('schemas is not the Error URN');
  if (body.status !== String(status)) problems.push(`body status ${JSON.stringify(body.status)} is not "${status}"`);
  if (typeof body.detail !== 'string') problems.push('detail is not a string');
  if (entry.scimType !== undefined && body.scimType !== entry.scimType) problems.push(`scimType ${JSON.stringify(body.scimType)}, expected ${entry.scimType}`);
  return problems;
}
