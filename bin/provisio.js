#!/usr/bin/env node
// Runs the CLI on Node 24 or later; on an older system Node it re-runs itself with the Node 24 the package installs.
import { spawn } from 'node:child_process';
import module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
  // Node keeps what it compiled (TypeScript stripped, then bytecode) on disk: later starts skip that work.
  module.enableCompileCache?.();
  const { main } = await import(new URL('../src/main.ts', import.meta.url).href);
  await main(process.argv.slice(2));
} else {
  const node = createRequire(import.meta.url).resolve('node/bin/node');
  const child = spawn(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
