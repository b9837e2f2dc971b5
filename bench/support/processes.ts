import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
export { freePort } from '../../test/support/ports.ts';

/** Starts a Node script and waits until `url` answers. */
export async function startProcess(args: readonly string[], env: Record<string, string>, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    if (await fetch(url).then((r) => r.status < 500, () => false)) return child;
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not start`);
}

/** The most resident memory a process has had (Linux `VmHWM`), in MB. */
export function peakMemoryMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** The CPU time a process has used so far, user and system, all its threads (Linux `/proc/{pid}/stat`), in ms. */
export function cpuTimeMs(pid: number): number {
  // The command name in parentheses may hold spaces; the fields after it are numbered from 3.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

export async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** The options `npm start` gives Node, so that the server under test runs as it is started in production. */
export function startOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) bin\/provisio\.js serve$/.exec(scripts.start);
  if (!match) throw new Error(`package.json's start script is not "node [options] bin/provisio.js serve": ${scripts.start}`);
  return match[1].split(' ').filter(Boolean);
}
