import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { invalidValue, ScimError } from '../errors.ts';
import { BULK_REQUEST_URN } from '../schemas/urns.ts';
import { bulkIdReferences, resolveBulkIds, resolveBulkPath } from './bulk-ids.ts';
import { orderBulkOperations } from './bulk-order.ts';
import { parseBulkRequest, type BulkOperation } from './bulk-request.ts';
import { bulkFailure, bulkResponse } from './bulk-response.ts';

const limits = { maxOperations: 10, maxPayloadSize: 1_048_576 };
const request = (Operations: unknown[], extra: Record<string, unknown> = {}) => ({ schemas: [BULK_REQUEST_URN], Operations, ...extra });
const isStatus = (status: number, scimType?: string) => (error: unknown) =>
  error instanceof ScimError && error.status === status && error.scimType === scimType;

const post = (bulkId: string, data: Record<string, unknown> = {}): BulkOperation => ({ method: 'POST', bulkId, version: undefined, path: '/Groups', data });
const patchOf = (path: string, data: Record<string, unknown> = {}): BulkOperation => ({ method: 'PATCH', bulkId: undefined, version: undefined, path, data });
const member = (id: string) => ({ members: [{ type: 'Group', value: `bulkId:${id}` }] });

describe('parseBulkRequest', () => {
  it('reads operations, normalizing methods', () => {
    const parsed = parseBulkRequest(
      request(
        [
          { method: 'post', path: '/Users', bulkId: 'qwerty', data: { userName: 'a' } },
          { method: 'Patch', path: '/Groups/g1', version: 'W/"1"', data: { schemas: [], Operations: [] } },
          { method: 'DELETE', path: '/Users/u1' },
        ],
        { failOnErrors: 1 },
      ),
      limits,
    );
    assert.equal(parsed.failOnErrors, 1);
    assert.deepEqual(parsed.operations.map((op) => [op.method, op.bulkId, op.version, op.path]), [
      ['POST', 'qwerty', undefined, '/Users'],
      ['PATCH', undefined, 'W/"1"', '/Groups/g1'],
      ['DELETE', undefined, undefined, '/Users/u1'],
    ]);
  });

  it('answers 413 past maxOperations or maxPayloadSize (RFC 7644 §3.7.4)', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ method: 'DELETE', path: `/Users/${i}` }));
    assert.throws(() => parseBulkRequest(request(many), limits), isStatus(413));
    assert.throws(() => parseBulkRequest(request([]), limits, 2_000_000), isStatus(413));
    assert.deepEqual(parseBulkRequest(request([]), limits, 1_000).operations, []);
  });

  it('refuses malformed requests and operations', () => {
    assert.throws(() => parseBulkRequest({ Operations: [] }, limits), isStatus(400, 'invalidSyntax'));
    assert.throws(() => parseBulkRequest(request([]).schemas, limits), isStatus(400, 'invalidSyntax'));
    const bad: unknown[] = [
      { method: 'GET', path: '/Users/1' },
      { method: 'POST', path: '/Users', data: {} },
      { method: 'POST', bulkId: 'a', path: '/Users/1', data: {} },
      { method: 'PUT', path: '/Users', data: {} },
      { method: 'PUT', path: '/Users/1' },
      { method: 'DELETE', path: 'Users/1' },
      { method: 'DELETE', path: '/Users/1', version: 3 },
    ];
    for (const op of bad) assert.throws(() => parseBulkRequest(request([op]), limits), isStatus(400, 'invalidValue'), JSON.stringify(op));
    assert.throws(() => parseBulkRequest(request([], { failOnErrors: 0 }), limits), isStatus(400, 'invalidValue'));
    assert.throws(() => parseBulkRequest(request([], { failOnErrors: 1.5 }), limits), isStatus(400, 'invalidValue'));
    const twice = [post('x'), post('x')].map(({ method, bulkId, path, data }) => ({ method, bulkId, path, data }));
    assert.throws(() => parseBulkRequest(request(twice), limits), isStatus(400, 'invalidValue'));
  });
});

describe('bulkId references', () => {
  it('finds references in data and path', () => {
    assert.deepEqual([...bulkIdReferences(patchOf('/Groups/bulkId:g', member('u')))].sort(), ['g', 'u']);
    assert.deepEqual([...bulkIdReferences(patchOf('/Groups/g1', { displayName: 'bulkId:' }))], []);
  });

  it('resolves them without changing the input', () => {
    const data = member('qwerty');
    assert.deepEqual(resolveBulkIds(data, new Map([['qwerty', 'id-1']])), { members: [{ type: 'Group', value: 'id-1' }] });
    assert.deepEqual(data, member('qwerty'));
    assert.equal(resolveBulkPath('/Groups/bulkId:g', new Map([['g', 'a b']])), '/Groups/a%20b');
    assert.equal(resolveBulkPath('/Groups/g%201', new Map()), '/Groups/g%201');
    assert.throws(() => resolveBulkIds(data, new Map()), isStatus(409));
  });

  it('walks data nested deeper than the call stack goes', () => {
    let deep: unknown = 'bulkId:u';
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { a: deep };
    assert.deepEqual([...bulkIdReferences(patchOf('/Groups/g1', { deep }))], ['u']);
    let resolved = (resolveBulkIds({ deep }, new Map([['u', 'id-1']])) as { deep: unknown }).deep;
    for (let i = 100_000 - 1; i >= 0; i--) resolved = i % 2 === 0 ? (resolved as unknown[])[0] : (resolved as { a: unknown }).a;
    assert.equal(resolved, 'id-1');
  });
});

describe('orderBulkOperations', () => {
  const order = (ops: BulkOperation[]) => orderBulkOperations(ops).map((step) => step.index);

  it('keeps the request order when nothing refers to anything', () => {
    assert.deepEqual(order([post('a'), post('b'), patchOf('/Groups/x')]), [0, 1, 2]);
  });

  it('runs a referenced POST first (RFC 7644 §3.7.2)', () => {
    assert.deepEqual(order([patchOf('/Groups/g1', member('b')), post('b')]), [1, 0]);
    assert.deepEqual(order([post('a', member('b')), post('b', member('c')), post('c')]), [2, 1, 0]);
  });

  it('gives a 409 to each operation of a cycle, and to a self-reference (RFC 7644 §3.7.1)', () => {
    const steps = orderBulkOperations([post('a', member('b')), post('b', member('a')), post('c'), post('d', member('d'))]);
    const errors = new Map(steps.map((step) => [step.index, step.error?.status]));
    assert.deepEqual([...errors.entries()].sort(), [[0, 409], [1, 409], [2, undefined], [3, 409]]);
  });

  it('gives invalidValue to a reference no POST defines', () => {
    const [step] = orderBulkOperations([patchOf('/Groups/g', member('nope'))]);
    assert.equal(step.error?.scimType, 'invalidValue');
  });

  it('puts every definer before its referrers, and flags exactly the cyclic ones (property)', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    );
    fc.assert(
      fc.property(graph, (refs) => {
        const ops = refs.map((targets, i) => post(`op${i}`, { members: targets.map((t) => ({ value: `bulkId:op${t}` })) }));
        const steps = orderBulkOperations(ops);
        assert.deepEqual(steps.map((s) => s.index).sort((a, b) => a - b), ops.map((_, i) => i));
        const position = new Map(steps.map((s, p) => [s.index, p]));
        const reaches = (from: number, to: number): boolean => {
          const seen = new Set<number>();
          const queue = [...refs[from]];
          while (queue.length > 0) {
            const next = queue.pop()!;
            if (next === to) return true;
            if (!seen.has(next)) (seen.add(next), queue.push(...refs[next]));
          }
          return false;
        };
        for (const step of steps) {
          const cyclic = reaches(step.index, step.index);
          assert.equal(step.error?.status === 409, cyclic);
          if (cyclic) continue;
          for (const target of refs[step.index]) assert.ok(position.get(target)! < position.get(step.index)!);
        }
      }),
    );
  });
});

describe('bulkResponse', () => {
  it('writes statuses as strings and embeds error bodies', () => {
    const failed = bulkFailure(post('b'), invalidValue('bad'));
    const response = bulkResponse([{ method: 'POST', bulkId: 'a', location: 'https://h/scim/v2/Groups/1', version: 'W/"1"', status: 201 }, failed]);
    assert.deepEqual(response, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
      Operations: [
        { method: 'POST', bulkId: 'a', version: 'W/"1"', location: 'https://h/scim/v2/Groups/1', status: '201' },
        {
          method: 'POST',
          bulkId: 'b',
          status: '400',
          response: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail: 'bad' },
        },
      ],
    });
  });
});
