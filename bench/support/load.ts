import { Agent, request } from 'node:http';

export interface LoadRequest {
  readonly method?: string;
  readonly path: string | ((i: number) => string);
  readonly headers?: Record<string, string>;
  readonly body?: (i: number) => string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP request over a kept-alive connection; resolves with the status once the body is read. */
export function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Requests per second that `concurrency` clients sustain for `durationMs`, each sending the next request as
 * soon as the last is answered. Every answer must have the expected status, or the run fails.
 */
export async function throughput(port: number, load: LoadRequest, options: { durationMs: number; concurrency: number; expect: number }): Promise<number> {
  let sent = 0;
  const end = performance.now() + options.durationMs;
  const started = performance.now();
  const client = async () => {
    while (performance.now() < end) {
      const i = sent++;
      const path = typeof load.path === 'function' ? load.path(i) : load.path;
      const response = await send(port, load.method ?? 'GET', path, load.headers, load.body?.(i));
      if (response.status !== options.expect) throw new Error(`${load.method ?? 'GET'} ${path}: ${response.status} ${response.body.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return sent / ((performance.now() - started) / 1000);
}

/** Each measurement's median over `rounds` rounds, in which every measurement runs once, in turn. */
export async function alternating(rounds: number, measurements: readonly (() => Promise<number>)[]): Promise<number[]> {
  const results: number[][] = measurements.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, measure] of measurements.entries()) results[i].push(await measure());
  }
  return results.map((values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]);
}

/** The median time of `runs` sequential calls of `work`, in milliseconds. */
export async function medianMs(runs: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function closeAgent(): void {
  agent.destroy();
}
