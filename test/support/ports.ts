import { createServer } from 'node:net';

/** A TCP port free on the loopback interface at the time of asking: listen on 0, note the port, close. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}
