import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ScimError } from '../errors.ts';
import { parseAttributeList, parsePath } from '../path/parse.ts';
import { COMPARE_OPERATORS, type AttrPath, type Filter, type FilterValue } from './ast.ts';
import { compileFilter, type FilterOptions } from './evaluate.ts';
import { MAX_TEXT_LENGTH } from './limits.ts';
import { and, attrPath, compare, not, or, present, valuePath } from './nodes.ts';
import { parseFilter } from './parse.ts';
import { printFilter } from './print.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

// ---- Any tree the grammar can write, for printing and parsing back.

const name = fc.oneof(
  fc.stringMatching(/^\$?[A-Za-z][A-Za-z0-9_-]{0,8}$/),
  fc.constantFrom('not', 'and', 'or', 'pr', 'eq', 'true', 'null', 'value', '$ref'),
);
const urn = fc.option(fc.constantFrom(ENTERPRISE, 'urn:ietf:params:scim:schemas:core:2.0:User', 'URN:Vendor:x-1:v2.0_b'), { nil: undefined });
const topPath = fc.tuple(urn, name, fc.option(name, { nil: undefined })).map(([u, a, s]) => attrPath(u, a, s));
const bracketPath = fc.tuple(urn, name).map(([u, a]) => attrPath(u, a));
const innerPath = name.map((a) => attrPath(undefined, a));
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyValue: fc.Arbitrary<FilterValue> = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: codeUnit }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const operator = fc.constantFrom(...COMPARE_OPERATORS);

function trees(path: fc.Arbitrary<AttrPath>, withValuePaths: boolean): fc.Arbitrary<Filter> {
  return fc.letrec<{ filter: Filter }>((tie) => ({
    filter: fc.oneof(
      { maxDepth: 5, depthIdentifier: withValuePaths ? 'outer' : 'inner' },
      fc.tuple(path, operator, anyValue).map(([p, op, v]) => compare(p, op, v)),
      path.map(present),
      fc.tuple(tie('filter'), tie('filter')).map(([l, r]) => and(l, r)),
      fc.tuple(tie('filter'), tie('filter')).map(([l, r]) => or(l, r)),
      tie('filter').map(not),
      ...(withValuePaths ? [fc.tuple(bracketPath, trees(innerPath, false)).map(([p, f]) => valuePath(p, f))] : []),
    ),
  })).filter;
}

const anyTree = trees(topPath, true);

describe('printFilter and parseFilter', () => {
  it('parse(print(tree)) deep-equals the tree', () => {
    fc.assert(
      fc.property(anyTree, (tree) => {
        const text = printFilter(tree);
        fc.pre(text.length <= MAX_TEXT_LENGTH);
        assert.deepStrictEqual(parseFilter(text), tree);
      }),
      { numRuns: 2000 },
    );
  });

  it('print(parse(text)) is a fixed point', () => {
    fc.assert(
      fc.property(anyTree, (tree) => {
        const text = printFilter(tree);
        fc.pre(text.length <= MAX_TEXT_LENGTH);
        assert.equal(printFilter(parseFilter(text)), text);
      }),
    );
  });
});

describe('parsers on arbitrary text', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary-ascii', maxLength: 200 }),
    fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '(', ')', '[', ']', '.', ':', 'eq', 'and', 'not', '1', '-', ','), maxLength: 60 }),
  );
  const onlyScimErrors = (parse: (text: string) => unknown, scimType: string) => (input: string) => {
    try {
      parse(input);
    } catch (error) {
      assert.ok(error instanceof ScimError && error.scimType === scimType && error.status === 400, String(error));
    }
  };

  it('parseFilter returns a tree or throws invalidFilter', () => {
    fc.assert(fc.property(text, onlyScimErrors(parseFilter, 'invalidFilter')), { numRuns: 3000 });
  });

  it('parsePath and parseAttributeList return or throw invalidPath', () => {
    fc.assert(fc.property(text, onlyScimErrors(parsePath, 'invalidPath')), { numRuns: 1000 });
    fc.assert(fc.property(text, onlyScimErrors(parseAttributeList, 'invalidPath')), { numRuns: 1000 });
  });
});

// ---- Valid filters over a small vocabulary, so random resources often match.

const scalar = fc.oneof(fc.constantFrom('x', 'X', 'xy', '', '2011-05-13T04:42:34Z'), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null));
const instantText = fc.constantFrom('2011-05-13T04:42:34Z', '2011-05-13T06:42:34.000+02:00', '2012-01-01T00:00:00Z', 'garbage');
const attribute = (arb: fc.Arbitrary<unknown>) => fc.option(arb, { nil: undefined, freq: 3 });
const email = fc.record({ value: attribute(scalar), type: attribute(fc.constantFrom('work', 'home', 'WORK')), primary: attribute(fc.boolean()) }, { requiredKeys: [] });
const resource = fc.record(
  {
    a: attribute(fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))),
    B: attribute(scalar),
    emails: attribute(fc.array(email, { maxLength: 3 })),
    name: attribute(fc.record({ given: attribute(scalar) }, { requiredKeys: [] })),
    when: attribute(instantText),
    [ENTERPRISE]: attribute(fc.record({ manager: attribute(fc.record({ value: attribute(scalar) }, { requiredKeys: [] })) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

const semanticPath = fc.constantFrom(
  attrPath(undefined, 'a'),
  attrPath(undefined, 'b'),
  attrPath(undefined, 'emails'),
  attrPath(undefined, 'emails', 'value'),
  attrPath(undefined, 'EMAILS', 'type'),
  attrPath(undefined, 'name', 'given'),
  attrPath(ENTERPRISE, 'manager'),
  attrPath(ENTERPRISE.toLowerCase(), 'manager', 'value'),
);
const semanticInner = fc.constantFrom(attrPath(undefined, 'value'), attrPath(undefined, 'type'), attrPath(undefined, 'primary'));
/** Comparisons the evaluator accepts: substring operators take strings, ordering takes strings or numbers. */
const comparison = (path: fc.Arbitrary<AttrPath>) =>
  fc.oneof(
    fc.tuple(path, fc.constantFrom('eq', 'ne' as const), scalar).map(([p, op, v]) => compare(p, op, v as FilterValue)),
    fc.tuple(path, fc.constantFrom('co', 'sw', 'ew' as const), fc.constantFrom('x', 'X', '', 'w')).map(([p, op, v]) => compare(p, op, v)),
    fc.tuple(path, fc.constantFrom('gt', 'ge', 'lt', 'le' as const), fc.oneof(fc.constantFrom('x', 'W', '2011-05-13T04:42:34Z'), fc.integer({ min: -2, max: 2 }))).map(([p, op, v]) => compare(p, op, v)),
    path.map(present),
    fc.tuple(fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le' as const), instantText.filter((t) => t !== 'garbage')).map(([op, v]) => compare(attrPath(undefined, 'When'), op, v)),
  );

function validTrees(path: fc.Arbitrary<AttrPath>, withValuePaths: boolean): fc.Arbitrary<Filter> {
  return fc.letrec<{ filter: Filter }>((tie) => ({
    filter: fc.oneof(
      { maxDepth: 4, depthIdentifier: withValuePaths ? 'outer' : 'inner' },
      comparison(path),
      fc.tuple(tie('filter'), tie('filter')).map(([l, r]) => and(l, r)),
      fc.tuple(tie('filter'), tie('filter')).map(([l, r]) => or(l, r)),
      tie('filter').map(not),
      ...(withValuePaths ? [validTrees(semanticInner, false).map((f) => valuePath(attrPath(undefined, 'emails'), f))] : []),
    ),
  })).filter;
}

const validTree = validTrees(semanticPath, true);
const options: FilterOptions = {
  caseExact: (path) => path.attribute.toLowerCase() === 'b' || path.subAttribute === 'type',
  isDateTime: (path) => path.attribute.toLowerCase() === 'when',
};
const matches = (filter: Filter, r: Readonly<Record<string, unknown>>): boolean => compileFilter(filter, options)(r);

describe('matchesFilter laws over random resources', () => {
  it('not (x and y) ≡ not x or not y', () => {
    fc.assert(fc.property(validTree, validTree, resource, (x, y, r) => {
      assert.equal(matches(not(and(x, y)), r), matches(or(not(x), not(y)), r));
    }), { numRuns: 1000 });
  });

  it('not (x or y) ≡ not x and not y', () => {
    fc.assert(fc.property(validTree, validTree, resource, (x, y, r) => {
      assert.equal(matches(not(or(x, y)), r), matches(and(not(x), not(y)), r));
    }), { numRuns: 1000 });
  });

  it('not (not x) ≡ x', () => {
    fc.assert(fc.property(validTree, resource, (x, r) => {
      assert.equal(matches(not(not(x)), r), matches(x, r));
    }), { numRuns: 1000 });
  });

  it('ne is the negation of eq, and eq null of pr', () => {
    fc.assert(fc.property(semanticPath, scalar, resource, (path, value, r) => {
      assert.equal(matches(compare(path, 'ne', value as FilterValue), r), !matches(compare(path, 'eq', value as FilterValue), r));
      assert.equal(matches(compare(path, 'eq', null), r), !matches(present(path), r));
    }), { numRuns: 1000 });
  });

  it('a printed and parsed filter matches the same resources', () => {
    fc.assert(fc.property(validTree, resource, (x, r) => {
      assert.equal(matches(parseFilter(printFilter(x)), r), matches(x, r));
    }), { numRuns: 500 });
  });
});
