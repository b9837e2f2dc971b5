import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLineLogger } from './line-logger.ts';

test('writes one JSON line per entry at or above its level, in pino shape, with errors readable', () => {
  const lines: string[] = [];
  const log = createLineLogger('warn', (line) => lines.push(line));
  log.info({ ignored: true }, 'below the level');
  log.warn({ outboxId: 'm1' }, 'not delivered');
  log.error({ err: new Error('boom') }, 'failed');
  assert.equal(lines.length, 2);
  const [warn, error] = lines.map((line) => JSON.parse(line));
  assert.equal(warn.level, 40);
  assert.equal(warn.outboxId, 'm1');
  assert.equal(warn.msg, 'not delivered');
  assert.equal(typeof warn.time, 'number');
  assert.equal(error.err.message, 'boom');
  assert.match(error.err.stack, /Error: boom/);
});

test('silent writes nothing', () => {
  const lines: string[] = [];
  createLineLogger('silent', (line) => lines.push(line)).error({}, 'nothing');
  assert.deepEqual(lines, []);
});
