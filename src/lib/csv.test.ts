import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecord } from './csv.ts';

test('plain fields are joined with commas and end with CRLF', () => {
  assert.equal(csvRecord(['a', 'b c', 3, null, undefined]), 'a,b c,3,,\r\n');
});

test('commas, quotes and line breaks are quoted, quotes doubled (RFC 4180 §2)', () => {
  assert.equal(csvRecord(['x,y', 'say "hi"', 'two\nlines']), '"x,y","say ""hi""","two\nlines"\r\n');
});

test('text a spreadsheet would evaluate is neutralised', () => {
  assert.equal(csvRecord(['=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)', '\tx']), `"'=HYPERLINK(""http://evil"")",'+1,'-2,'@SUM(A1),'\tx\r\n`);
  assert.equal(csvRecord([-2]), '-2\r\n', 'numbers are numbers');
});
