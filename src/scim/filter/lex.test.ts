import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidFilter } from '../errors.ts';
import { tokenize } from './lex.ts';

const reporter = { subject: 'filter', error: invalidFilter };
const kinds = (text: string) => tokenize(text, reporter).map((t) => [t.kind, t.start, t.value ?? t.text]);

describe('tokenize', () => {
  it('reads words, strings, numbers and punctuation with their offsets', () => {
    assert.deepEqual(kinds('emails[type eq "w\\u00e9"].value ge -1.5e2,'), [
      ['word', 0, 'emails'],
      ['[', 6, '['],
      ['word', 7, 'type'],
      ['word', 12, 'eq'],
      ['string', 15, 'wé'],
      [']', 24, ']'],
      ['.', 25, '.'],
      ['word', 26, 'value'],
      ['word', 32, 'ge'],
      ['number', 35, -150],
      [',', 41, ','],
      ['end', 42, ''],
    ]);
  });

  it('keeps URNs, dots and $ inside one word', () => {
    assert.deepEqual(kinds('urn:a:b:2.0:User:manager.$ref'), [
      ['word', 0, 'urn:a:b:2.0:User:manager.$ref'],
      ['end', 29, ''],
    ]);
  });

  it('skips spaces, tabs, CR and LF only', () => {
    assert.deepEqual(kinds(' \t\r\na\n'), [['word', 4, 'a'], ['end', 6, '']]);
    assert.throws(() => tokenize('a\u000bb', reporter), /position 1: unexpected character U\+000B/);
    assert.throws(() => tokenize('a\u00a0b', reporter), /position 1: unexpected character U\+00A0/);
  });

  it('decodes every JSON escape', () => {
    assert.deepEqual(tokenize('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\ud83d\\ude00"', reporter)[0].value, '"\\/\b\f\n\r\tA😀');
  });
});
