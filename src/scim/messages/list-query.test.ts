import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import { SEARCH_REQUEST_URN } from '../schemas/urns.ts';
import { parseListQuery } from './list-query.ts';
import { listResponse } from './list-response.ts';
import { parseSearchRequest } from './search-request.ts';

const limits = { maxCount: 100 };
const scimType = (type: string) => (error: unknown) => error instanceof ScimError && error.scimType === type;

describe('parseListQuery', () => {
  it('reads an Okta lookup', () => {
    const query = parseListQuery({ filter: 'userName eq "x"', startIndex: '1', count: '100' }, limits);
    assert.deepEqual(query.filter, { kind: 'compare', path: { urn: undefined, attribute: 'userName', subAttribute: undefined }, op: 'eq', value: 'x' });
    assert.deepEqual([query.startIndex, query.count, query.cursor, query.sortOrder], [1, 100, undefined, 'ascending']);
  });

  it('defaults, clamps and caps paging (RFC 7644 §3.4.2.4)', () => {
    assert.deepEqual(pick(parseListQuery({}, limits)), [1, 100]);
    assert.deepEqual(pick(parseListQuery({}, { maxCount: 100, defaultCount: 20 })), [1, 20]);
    assert.deepEqual(pick(parseListQuery({ startIndex: '0', count: '-5' }, limits)), [1, 0]);
    assert.deepEqual(pick(parseListQuery({ startIndex: '-3', count: '1000' }, limits)), [1, 100]);
    assert.deepEqual(pick(parseListQuery({ startIndex: ' 7 ', count: '+3' }, limits)), [7, 3]);
  });

  it('refuses non-integers', () => {
    for (const bad of ['abc', '1.5', '1e3', '0x10']) {
      assert.throws(() => parseListQuery({ count: bad }, limits), scimType('invalidValue'), bad);
      assert.throws(() => parseListQuery({ startIndex: bad }, limits), scimType('invalidValue'), bad);
    }
  });

  it('reads attribute lists, sortBy and sortOrder', () => {
    const query = parseListQuery({ excludedAttributes: 'members', attributes: 'userName, name.givenName', sortBy: 'meta.created', sortOrder: 'Descending' }, limits);
    assert.deepEqual(query.excludedAttributes, [{ urn: undefined, attribute: 'members', subAttribute: undefined }]);
    assert.equal(query.attributes?.length, 2);
    assert.deepEqual(query.sortBy, { urn: undefined, attribute: 'meta', subAttribute: 'created' });
    assert.equal(query.sortOrder, 'descending');
    assert.throws(() => parseListQuery({ sortOrder: 'up' }, limits), scimType('invalidValue'));
    assert.throws(() => parseListQuery({ sortBy: 'a,b' }, limits), scimType('invalidValue'));
  });

  it('reads parameter names in any case and treats empty values as absent', () => {
    const query = parseListQuery({ STARTINDEX: '3', filter: '', attributes: '' }, limits);
    assert.deepEqual([query.startIndex, query.filter, query.attributes], [3, undefined, undefined]);
  });

  it('passes filter errors through as invalidFilter', () => {
    assert.throws(() => parseListQuery({ filter: 'userName eq' }, limits), scimType('invalidFilter'));
  });

  it('takes a cursor (RFC 9865), but not with startIndex', () => {
    assert.equal(parseListQuery({ cursor: '', count: '10' }, limits).cursor, '');
    assert.equal(parseListQuery({ cursor: 'abc' }, limits).cursor, 'abc');
    assert.throws(() => parseListQuery({ cursor: 'abc', startIndex: '1' }, limits), scimType('invalidValue'));
  });
});

describe('parseSearchRequest', () => {
  it('reads a search body with attribute arrays', () => {
    const query = parseSearchRequest(
      { schemas: [SEARCH_REQUEST_URN], attributes: ['displayName', 'userName'], filter: 'displayName sw "smith"', startIndex: 1, count: 10 },
      limits,
    );
    assert.deepEqual(query.attributes?.map((path) => path.attribute), ['displayName', 'userName']);
    assert.deepEqual([query.startIndex, query.count], [1, 10]);
  });

  it('refuses a body without the SearchRequest URN, or with bad values', () => {
    assert.throws(() => parseSearchRequest({ filter: 'x pr' }, limits), scimType('invalidSyntax'));
    assert.throws(() => parseSearchRequest('x', limits), scimType('invalidSyntax'));
    assert.throws(() => parseSearchRequest({ schemas: [SEARCH_REQUEST_URN], count: 1.5 }, limits), scimType('invalidValue'));
    assert.throws(() => parseSearchRequest({ schemas: [SEARCH_REQUEST_URN], attributes: [1] }, limits), scimType('invalidValue'));
    assert.throws(() => parseSearchRequest({ schemas: [SEARCH_REQUEST_URN], filter: 5 }, limits), scimType('invalidValue'));
  });
});

describe('listResponse', () => {
  it('writes integer paging fields and an empty Resources for no match', () => {
    assert.deepEqual(listResponse([], { totalResults: 0, startIndex: 1 }), {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      itemsPerPage: 0,
      startIndex: 1,
      Resources: [],
    });
  });

  it('writes cursors and leaves startIndex out when not given', () => {
    const response = listResponse([{ id: 'a' }], { totalResults: 5, itemsPerPage: 1, nextCursor: 'n', previousCursor: 'p' });
    assert.deepEqual([response.nextCursor, response.previousCursor, 'startIndex' in response], ['n', 'p', false]);
  });

  it('refuses non-integer paging fields', () => {
    assert.throws(() => listResponse([], { totalResults: 1.5 }), TypeError);
    assert.throws(() => listResponse([], { totalResults: 1, startIndex: 0 }), TypeError);
  });
});

function pick(query: { startIndex: number; count: number }): [number, number] {
  return [query.startIndex, query.count];
}
