/** The baseline: a plain Fastify JSON route, started as its own process like the server under test. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/plain', async () => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] }));
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
process.stdout.write('ready\n');
