/**
 * A reference for the `userName` lookup, not a product: a plain Fastify route that does only what any answer
 * must — hash the bearer token and find it with its owner, find the user by `userName`, find the user's groups
 * — with prepared `node:sqlite` statements on the benchmark's database, and none of the service's layers
 * (SCIM filter parsing, gates, projection, audit of failures, metrics, security headers). Its throughput
 * bounds what the service's lookup can reach on the same machine in the same run.
 */
import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import Fastify from 'fastify';

const [port, path] = [Number(process.argv[2]), process.argv[3]];
const db = new DatabaseSync(path, { readOnly: true });
const token = db.prepare(
  'select t.enterprise_id, t.revoked_at, t.expires_at, u.state, u.role from personal_access_tokens t join users u on u.enterprise_id = t.enterprise_id and u.id = t.user_id where t.token_hash = ?',
);
const user = db.prepare('select * from scim_users where enterprise_id = ? and user_name_key = ?');
const groups = db.prepare(
  'select g.id, g.display_name from scim_group_members m join scim_groups g on g.enterprise_id = m.enterprise_id and g.id = m.group_id where m.enterprise_id = ? and m.member_id = ?',
);

const app = Fastify({ logger: false });
app.get('/scim/v2/Users', async (request, reply) => {
  const secret = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  const owner = token.get(createHash('sha256').update(secret).digest('hex')) as { enterprise_id: string; state: string } | undefined;
  if (!owner || owner.state !== 'active') return reply.code(401).send({ detail: 'unauthorized' });
  const userName = /^userName eq "(.*)"$/.exec(String((request.query as { filter?: string }).filter))?.[1] ?? '';
  const rows = user.all(owner.enterprise_id, userName.toLowerCase()) as { id: string; resource: string }[];
  const Resources = rows.map((row) => ({ ...JSON.parse(row.resource), id: row.id, groups: groups.all(owner.enterprise_id, row.id) }));
  reply.header('content-type', 'application/scim+json');
  return { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: rows.length, startIndex: 1, itemsPerPage: rows.length, Resources };
});
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
