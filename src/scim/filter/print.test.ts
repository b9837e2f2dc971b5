import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { and, attrPath, compare, not, or, present, valuePath } from './nodes.ts';
import { printAttrPath, printFilter, printFilterValue } from './print.ts';

const a = present(attrPath(undefined, 'a'));
const b = present(attrPath(undefined, 'b'));
const c = present(attrPath(undefined, 'c'));

describe('printFilter', () => {
  it('leaves out parentheses that precedence and left association make redundant', () => {
    assert.equal(printFilter(or(and(a, b), c)), 'a pr and b pr or c pr');
    assert.equal(printFilter(or(a, and(b, c))), 'a pr or b pr and c pr');
    assert.equal(printFilter(and(and(a, b), c)), 'a pr and b pr and c pr');
  });

  it('parenthesizes an or under an and, and a right operand of the same operator', () => {
    assert.equal(printFilter(and(or(a, b), c)), '(a pr or b pr) and c pr');
    assert.equal(printFilter(and(a, and(b, c))), 'a pr and (b pr and c pr)');
    assert.equal(printFilter(or(a, or(b, c))), 'a pr or (b pr or c pr)');
  });

  it('always writes not with a space and parentheses', () => {
    assert.equal(printFilter(not(not(a))), 'not (not (a pr))');
  });

  it('writes value paths with their filter inside brackets', () => {
    const work = compare(attrPath(undefined, 'type'), 'eq', 'work');
    assert.equal(printFilter(valuePath(attrPath(undefined, 'emails'), or(work, a))), 'emails[type eq "work" or a pr]');
  });

  it('writes URN-qualified paths with their sub-attribute', () => {
    const path = attrPath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'manager', 'value');
    assert.equal(printAttrPath(path), 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value');
  });
});

describe('printFilterValue', () => {
  it('writes JSON literals', () => {
    assert.deepEqual(
      ['a"b\\c\u0001', 0, -0, 1e21, -2.5e-7, true, false, null].map(printFilterValue),
      ['"a\\"b\\\\c\\u0001"', '0', '-0', '1e+21', '-2.5e-7', 'true', 'false', 'null'],
    );
  });

  it('refuses numbers JSON cannot write', () => {
    assert.throws(() => printFilterValue(Number.NaN), TypeError);
    assert.throws(() => printFilterValue(Number.POSITIVE_INFINITY), TypeError);
  });
});
