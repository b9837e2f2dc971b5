import { Agent, request } from 'node:http';
import { cpuTimeMs } from './processes.ts';

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
 * soon as the last is answered (every answer must have the expected status, or the run fails), and the CPU
 * time the server process `pid` spends per request (all its threads, user and system), in microseconds. On a machine whose speed drifts, this shows where the time goes better
 * than the rate does: it does not depend on how much of the CPU the load generator leaves to the server.
 */
export async function throughputAndCpu(pid: number, port: number, load: LoadRequest, options: LoadOptions): Promise<{ rate: number; cpuMicros: number }> {
  const before = cpuTimeMs(pid);
  const { requests, seconds } = await sustain(port, load, options);
  return { rate: requests / seconds, cpuMicros: ((cpuTimeMs(pid) - before) * 1000) / requests };
}

interface LoadOptions {
  readonly durationMs: number;
  readonly concurrency: number;
  readonly expect: number;
}

async function sustain(port: number, load: LoadRequest, options: LoadOptions): Promise<{ requests: number; seconds: number }> {
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
  return { requests: sent, seconds: (performance.now() - started) / 1000 };
}

/** Each measurement's median over `rounds` rounds, in which every measurement runs once, in turn; each figure its own median. */
export async function alternating<Figures extends Record<string, number>>(rounds: number, measurements: readonly (() => Promise<Figures>)[]): Promise<Figures[]> {
  const results: Figures[][] = measurements.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, measure] of measurements.entries()) results[i].push(await measure());
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return results.map((runs) => Object.fromEntries(Object.keys(runs[0]).map((figure) => [figure, median(runs.map((run) => run[figure]))])) as Figures);
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
