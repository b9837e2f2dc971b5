import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttrPath } from './ast.ts';
import { booleanOperands } from './boolean-operands.ts';
import { parseFilter } from './parse.ts';
import { printFilter } from './print.ts';

const BOOLEANS = new Set(['active', 'emails.primary', 'urn:x:flag']);
const isBoolean = (path: AttrPath) => BOOLEANS.has([path.urn, [path.attribute, path.subAttribute].filter(Boolean).join('.')].filter(Boolean).join(':').toLowerCase());
const rewrite = (text: string) => printFilter(booleanOperands(parseFilter(text), isBoolean));

describe('booleanOperands', () => {
  it('reads "True" and "False" in any case as booleans where the attribute is a boolean', () => {
    assert.equal(rewrite('active eq "True"'), 'active eq true');
    assert.equal(rewrite('active ne "FALSE"'), 'active ne false');
    assert.equal(rewrite('emails.primary eq "true"'), 'emails.primary eq true');
    assert.equal(rewrite('urn:x:flag eq "False"'), 'urn:x:flag eq false');
  });

  it('reads a name inside brackets below the attribute of the brackets', () => {
    assert.equal(rewrite('emails[primary eq "True" and type eq "true"]'), 'emails[primary eq true and type eq "true"]');
  });

  it('goes through and, or and not', () => {
    assert.equal(rewrite('not (active eq "True") or userName eq "a" and active eq "false"'), 'not (active eq true) or userName eq "a" and active eq false');
  });

  it('keeps every other comparison as written', () => {
    for (const text of ['userName eq "True"', 'active eq "yes"', 'active eq true', 'active pr', 'emails[type eq "False"]', 'active eq null']) {
      assert.equal(rewrite(text), printFilter(parseFilter(text)), text);
    }
  });
});
