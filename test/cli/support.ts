import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { SETTINGS } from '../../src/config/settings.ts';

export const BIN = resolve(import.meta.dirname, '../../bin/provisio.js');

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Another Node binary, or another script than the package bin. */
  readonly node?: string;
  readonly script?: string;
  readonly timeoutMs?: number;
}

/**
 * The environment of a child: this process's, without any server setting (a `PORT` or `DATABASE_URL` of the
 * machine running the tests must not leak in) and without the test runner's marker, plus `env`.
 */
function childEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const setting of SETTINGS) delete clean[setting.env];
  delete clean.NODE_TEST_CONTEXT;
  return { ...clean, ...env };
}

function launch(args: readonly string[], env: Readonly<Record<string, string>>, options: RunOptions): ChildProcess {
  return spawn(options.node ?? process.execPath, [options.script ?? BIN, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `provisio ARGS` to its end and collects what it printed; kills it and fails after the timeout. */
export function runProvisio(args: readonly string[], env: Readonly<Record<string, string>> = {}, options: RunOptions = {}): Promise<ProcessResult> {
  const child = launch(args, env, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`provisio ${args.join(' ')} did not finish in time; stdout: ${stdout}; stderr: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed with `--json` and returns its parsed output. */
export async function provisioJson(args: readonly string[], env: Readonly<Record<string, string>>): Promise<any> {
  const result = await runProvisio([...args, '--json'], env);
  assert.equal(result.code, 0, `provisio ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Asserts the way every mistake must end: the exit status, nothing on stdout, and one line on stderr with no
 * stack frame. Returns that line.
 */
export function assertOneLineFailure(result: ProcessResult, code: 1 | 2): string {
  assert.equal(result.code, code, `expected exit ${code}, got ${result.code}; stderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s*at /m);
  assert.match(lines[0], /^provisio: \S/);
  return lines[0];
}

/** A long-running `provisio` (the server), its output so far, and a way to stop it. */
export interface RunningProvisio {
  output(): string;
  /** Resolves when the process has ended. */
  readonly ended: Promise<ProcessResult>;
  /** Waits until the output matches `pattern`; fails if the process ends first or the time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a signal and waits for the end; a process still running after `timeoutMs` is killed (signal SIGKILL). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ProcessResult>;
}

export function startProvisio(args: readonly string[], env: Readonly<Record<string, string>>): RunningProvisio {
  const child = launch(args, env, {});
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const ended = new Promise<ProcessResult>((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
  let finished = false;
  void ended.then(() => void (finished = true));
  const output = () => stdout + stderr;
  return {
    output,
    ended,
    async waitForOutput(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output())) {
        if (finished) throw new Error(`provisio ended before printing ${pattern}: ${output()}`);
        if (Date.now() > deadline) throw new Error(`provisio did not print ${pattern} in time: ${output()}`);
        await sleep(50);
      }
      return output();
    },
    async stop(signal = 'SIGTERM', timeoutMs = 5_000) {
      if (!finished) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await ended;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Polls `url` until it answers 200; fails after the timeout or if `server` ends first. */
export async function waitUntilUp(url: string, server: RunningProvisio, timeoutMs = 10_000): Promise<void> {
  let ended = false;
  void server.ended.then(() => void (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !ended) {
    const ok = await fetch(url).then((response) => response.status === 200, () => false);
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`${url} did not answer 200 in time; output: ${server.output()}`);
}

export { freePort } from '../support/ports.ts';

/** Writes a fresh self-signed certificate and its key into `dir`; returns the certificate's path. */
export function makeCertificate(dir: string): string {
  const certificate = join(dir, 'idp.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=idp', '-days', '2', '-keyout', join(dir, 'idp-key.pem'), '-out', certificate], {
    stdio: 'ignore',
  });
  return certificate;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
