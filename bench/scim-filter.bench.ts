/**
 * Filter parsing and evaluation speed (RFC 7644 §3.4.2.2), each as a ratio against `JSON.parse` of an input of
 * the same size measured in the same run, so the numbers compare across machines.
 *
 *   npx node bench/scim-filter.bench.ts
 */
import { rate } from './support/rate.ts';
import { readFileSync } from 'node:fs';
import { compileFilter, matchesFilter, type FilterOptions } from '../src/scim/filter/evaluate.ts';
import { parseFilter } from '../src/scim/filter/parse.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Filters identity providers send (IDP-QUIRKS.md), then two complex ones. */
const FILTERS: readonly (readonly [string, string])[] = [
  ['Entra/Okta userName lookup', 'userName eq "AlexW@contoso.onmicrosoft.com"'],
  ['Entra externalId lookup', 'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"'],
  ['Entra work email lookup', 'emails[type eq "work"].value eq "alex@contoso.com"'],
  ['Entra group lookup', 'displayName eq "Group A"'],
  ['complex: RFC not/or', 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")'],
  ['complex: value path + URN', `emails[type eq "work" and value co "@example.com"] and ${ENTERPRISE}:manager.value pr and meta.lastModified gt "2011-05-13T04:42:34Z"`],
];


/** A JSON object of string and number members, exactly `length` characters long (at least 10). */
function jsonOfLength(length: number): string {
  const members: string[] = [];
  const size = (extra: number): number => 2 + members.join(",").length + extra + 6; // braces, commas, `"p":""`
  for (let i = 0; ; i += 1) {
    const member = i % 2 === 0 ? `"k${i}":"value${i}"` : `"k${i}":${i * 7}`;
    if (size(member.length + 1 + (members.length > 0 ? 1 : 0)) > length) break;
    members.push(member);
  }
  const pad = 'x'.repeat(length - size(members.length > 0 ? 1 : 0));
  return `{${[...members, `"p":"${pad}"`].join(',')}}`;
}

const format = (n: number): string => Math.round(n).toLocaleString('en-US');
let sink: unknown;

console.log('SCIM filter parsing (filters/s, and as a ratio to JSON.parse of a same-sized JSON text)');
for (const [label, filter] of FILTERS) {
  const json = jsonOfLength(filter.length);
  if (json.length !== filter.length) throw new Error(`baseline JSON is ${json.length} characters, not ${filter.length}`);
  const parsed = rate(() => (sink = parseFilter(filter)));
  const baseline = rate(() => (sink = JSON.parse(json)));
  console.log(`  ${label} (${filter.length} chars): ${format(parsed)}/s = ${(parsed / baseline).toFixed(2)}× JSON.parse`);
}

const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/scim/filter-evaluation.json', import.meta.url), 'utf8')) as {
  readonly resources: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
};
const resource = fixture.resources.barbara;
const resourceJson = JSON.stringify(resource);
const options: FilterOptions = {
  caseExact: (path) => path.attribute === 'id' || path.attribute === 'externalId',
  isDateTime: (path) => path.attribute === 'meta' && (path.subAttribute === 'created' || path.subAttribute === 'lastModified'),
};
const jsonRate = rate(() => (sink = JSON.parse(resourceJson)));

console.log(`SCIM filter evaluation on one user (evaluations/s, and as a ratio to JSON.parse of that user, ${resourceJson.length} chars)`);
for (const [label, filter] of FILTERS) {
  const tree = parseFilter(filter);
  const matcher = compileFilter(tree, options);
  const compiled = rate(() => (sink = matcher(resource)));
  const uncompiled = rate(() => (sink = matchesFilter(resource, tree, options)));
  console.log(`  ${label}: compiled ${format(compiled)}/s = ${(compiled / jsonRate).toFixed(2)}×, compiled each time ${format(uncompiled)}/s = ${(uncompiled / jsonRate).toFixed(2)}×`);
}
if (sink === Symbol.for('never')) console.log('');
