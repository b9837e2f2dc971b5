import fc from 'fast-check';
import type { AttrPath, CompareOperator, Filter, FilterValue } from '../../src/scim/filter/ast.ts';
import { COMPARE_OPERATORS } from '../../src/scim/filter/ast.ts';
import { createValueReader, isPlainObject } from '../../src/scim/filter/attribute-values.ts';
import { and, attrPath, compare, not, or, present, valuePath } from '../../src/scim/filter/nodes.ts';
import type { GroupSeed, UserSeed } from './scim-population.ts';

/**
 * fast-check generators of SCIM users and groups (validated shapes, with case variants, non-ASCII text,
 * empty strings and missing attributes) and of filters over them, for the SQL-versus-evaluator tests.
 */

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

// Letters whose case folding differs between ASCII-only and full Unicode, or between libc and JavaScript
// (final sigma, dotted İ, Kelvin and Ohm signs, titlecase ǅ), astral characters (code point order differs from
// UTF-16 order; U+10400 also has a lowercase form), and the LIKE and quoting metacharacters.
const CHARACTERS = ['a', 'b', 'A', 'B', 'é', 'É', 'İ', 'i', 'ß', 'ẞ', 'Σ', 'σ', 'ς', 'K', 'k', 'ǅ', 'Ω', 'Ａ', '😀', '𐐀', 'ﬀ', '%', '_', '\\', '"', "'", ' ', '@', '.', '1'];

export const text = (maxLength = 4) => fc.array(fc.constantFrom(...CHARACTERS), { maxLength }).map((chars) => chars.join(''));
const nonBlank = text(5).filter((s) => s.trim() !== '');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

/** Drops keys whose value is undefined, as JSON would. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const instant = fc.date({ min: new Date('1999-01-01T00:00:00Z'), max: new Date('2031-01-01T00:00:00Z'), noInvalidDate: true });
const times = fc.tuple(instant, fc.integer({ min: 0, max: 10 ** 10 })).map(([created, later]) => ({
  created: created.toISOString(),
  lastModified: new Date(created.getTime() + later).toISOString(),
}));

const email = fc
  .record({ value: maybe(text(5)), type: maybe(fc.constantFrom('work', 'home', 'Work', 'other', '')), primary: maybe(fc.boolean()), display: maybe(text(3)) })
  .map(compact)
  .filter((e) => Object.keys(e).length > 0);

/** At most one primary value (RFC 7643 §2.4). */
const onePrimary = <T extends { primary?: boolean }>(list: T[]): T[] => {
  let seen = false;
  return list.map((item) => {
    if (item.primary !== true) return item;
    if (!seen) return (seen = true), item;
    return { ...item, primary: false };
  });
};

const enterprise = fc
  .record({
    employeeNumber: maybe(text(3)),
    department: maybe(text(3)),
    manager: maybe(fc.record({ value: text(3) })),
  })
  .map(compact)
  .filter((e) => Object.keys(e).length > 0);

const userResource = fc
  .record({
    userName: nonBlank,
    externalId: maybe(text(3)),
    displayName: maybe(text(4)),
    title: maybe(text(3)),
    active: fc.boolean(),
    name: maybe(fc.record({ givenName: maybe(text(4)), familyName: maybe(text(4)), formatted: maybe(text(3)) }).map(compact).filter((n) => Object.keys(n).length > 0)),
    emails: maybe(fc.array(email, { minLength: 1, maxLength: 3 }).map(onePrimary)),
    phoneNumbers: maybe(fc.array(fc.record({ value: text(3), type: maybe(fc.constantFrom('work', 'mobile')) }).map(compact), { minLength: 1, maxLength: 2 })),
    extension: maybe(enterprise),
  })
  .map(({ extension, ...core }) => ({
    schemas: extension === undefined ? [CORE_USER] : [CORE_USER, ENTERPRISE],
    ...compact(core),
    ...(extension === undefined ? {} : { [ENTERPRISE]: extension }),
  }));

const userSeed: fc.Arbitrary<UserSeed> = fc
  .tuple(userResource, times, fc.integer({ min: 1, max: 30 }))
  .map(([resource, { created, lastModified }, version]) => ({ resource, created, lastModified, version }));

/** Users with distinct `userName`s and `externalId`s, as the unique keys require. */
export const userSeeds = (maxLength: number) =>
  fc.uniqueArray(userSeed, { minLength: Math.min(15, maxLength), maxLength, selector: (seed) => String(seed.resource.userName).toLowerCase() }).map((seeds) => {
    const externalIds = new Set<string>();
    return seeds.map((seed) => {
      const externalId = seed.resource.externalId;
      if (typeof externalId !== 'string' || externalId === '') return seed;
      if (!externalIds.has(externalId)) return externalIds.add(externalId), seed;
      const { externalId: _, ...resource } = seed.resource;
      return { ...seed, resource };
    });
  });

/** Groups with distinct display names, each with members among `userCount` users. */
export const groupSeeds = (userCount: number, maxLength: number): fc.Arbitrary<GroupSeed[]> =>
  fc.uniqueArray(
    fc
      .tuple(nonBlank, maybe(text(3)), times, fc.integer({ min: 1, max: 9 }), fc.array(fc.nat({ max: userCount - 1 }), { maxLength: userCount }))
      .map(([displayName, externalId, { created, lastModified }, version, members]) => ({
        resource: { schemas: [CORE_GROUP], displayName, ...(externalId === undefined ? {} : { externalId: externalId === '' ? '' : `${externalId}#${displayName}` }) },
        created,
        lastModified,
        version,
        members,
      })),
    { minLength: Math.min(5, maxLength), maxLength, selector: (seed) => String(seed.resource.displayName).toLowerCase() },
  );

/** Every string in a resource, to draw operands that match something. */
export function stringsOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsOf(item, into));
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => stringsOf(item, into));
  return into;
}

/** `urn:…:attr.sub` → its path, split as the parser splits it (URN before the last colon). */
export function pathOf(written: string): AttrPath {
  const colon = written.lastIndexOf(':');
  const rest = written.slice(colon + 1);
  const [attribute, subAttribute] = rest.split('.');
  return attrPath(colon < 0 ? undefined : written.slice(0, colon), attribute, subAttribute);
}

export type OperandKind = 'text' | 'date' | 'boolean';

/** Strings to compare an attribute with: its own values in the resources, and others. */
export interface OperandPool {
  valuesOf(path: AttrPath): readonly string[];
  readonly strings: readonly string[];
  readonly dates: readonly string[];
}

/** Operands for one attribute: its values (case changed, cut), other strings, dates, mismatched types. */
export function operands(pool: OperandPool, path: AttrPath, kind: OperandKind): fc.Arbitrary<FilterValue> {
  const own = pool.valuesOf(path);
  const strings = own.length > 0 ? own : pool.strings;
  const dates = pool.dates;
  const known = fc.oneof({ arbitrary: fc.constantFrom(...strings), weight: 4 }, { arbitrary: fc.constantFrom(...pool.strings, ''), weight: 1 });
  const cut = fc.tuple(known, fc.nat(), fc.nat()).map(([s, a, b]) => {
    const chars = [...s];
    return chars.slice(Math.min(a, b) % (chars.length + 1), Math.max(a, b) % (chars.length + 1)).join('');
  });
  // Ends and starts exactly, for `sw`/`ew` (with astral characters, whose length differs in UTF-16 and SQL).
  const end = fc.tuple(known, fc.nat({ max: 3 }), fc.boolean()).map(([s, n, head]) => {
    const chars = [...s];
    return (head ? chars.slice(0, n) : chars.slice(Math.max(chars.length - n, 0))).join('');
  });
  const recased = fc.tuple(fc.oneof(known, end), fc.constantFrom('upper', 'lower', 'same')).map(([s, how]) => (how === 'upper' ? s.toUpperCase() : how === 'lower' ? s.toLowerCase() : s));
  const mismatched = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null));
  if (kind === 'boolean') return fc.oneof({ arbitrary: fc.boolean(), weight: 6 }, { arbitrary: fc.constantFrom('true', 'True', null, 1), weight: 1 });
  if (kind === 'date') return fc.oneof({ arbitrary: dateOperand(dates), weight: 12 }, { arbitrary: fc.oneof(cut, mismatched), weight: 1 });
  return fc.oneof({ arbitrary: known, weight: 4 }, { arbitrary: recased, weight: 4 }, { arbitrary: cut, weight: 2 }, { arbitrary: end, weight: 2 }, { arbitrary: text(3), weight: 1 }, { arbitrary: mismatched, weight: 1 });
}

/** An `xsd:dateTime` near a stored one, in the many forms the grammar allows, and a few that are not dates. */
function dateOperand(dates: readonly string[]): fc.Arbitrary<string> {
  const near = fc.tuple(fc.constantFrom(...dates), fc.constantFrom(-3_600_000, -1, 0, 0, 1, 3_600_000), fc.constantFrom(0, 60, -330, 840), fc.constantFrom('ms', 'none', 'micro', 'lower'));
  const written = near.map(([date, delta, offset, form]) => {
    const local = new Date(Date.parse(date) + delta + offset * 60_000).toISOString().slice(0, 23);
    const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    const body = form === 'none' ? local.slice(0, 19) : form === 'micro' ? `${local}123` : local;
    const result = `${body}${zone}`;
    return form === 'lower' ? result.toLowerCase() : result;
  });
  return fc.oneof({ arbitrary: written, weight: 8 }, { arbitrary: fc.constantFrom('0000-01-01T00:30:00+01:00', '9999-12-31T23:59:59-01:00', '2020-02-30T00:00:00Z', 'yesterday'), weight: 1 });
}

/** A comparison or `pr` on one of `paths`. */
function leaf(paths: readonly (readonly [string, OperandKind])[], pool: OperandPool, parent?: AttrPath): fc.Arbitrary<Filter> {
  return fc.constantFrom(...paths).chain(([written, kind]) => {
    const path = pathOf(written);
    const absolute = parent === undefined ? path : attrPath(parent.urn, parent.attribute, path.attribute);
    // `eq` and `ne` as often as the rest together: they are what clients send.
    const operator = fc.oneof(fc.constantFrom<CompareOperator>('eq', 'ne'), fc.constantFrom<CompareOperator>(...COMPARE_OPERATORS));
    return fc.oneof(
      { arbitrary: fc.constant(present(path)), weight: 1 },
      { arbitrary: fc.tuple(operator, operands(pool, absolute, kind)).map(([op, value]) => compare(path, op, value)), weight: 6 },
    );
  });
}

/** What a resource type's filters range over: attributes, and value paths with the sub-attributes inside. */
export interface FilterSpace {
  readonly paths: readonly (readonly [string, OperandKind])[];
  readonly valuePaths: readonly (readonly [string, readonly (readonly [string, OperandKind])[]])[];
}

/** Filters over `space`: comparisons, `pr`, value paths, `and`/`or`/`not`, nested a few levels. */
export function filters(space: FilterSpace, pool: OperandPool): fc.Arbitrary<Filter> {
  const bracket = fc.constantFrom(...space.valuePaths).chain(([written, subs]) => {
    const inner = fc.letrec<{ f: Filter }>((tie) => ({
      f: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf(subs, pool, pathOf(written)), fc.tuple(tie('f'), tie('f')).map(([l, r]) => and(l, r)), fc.tuple(tie('f'), tie('f')).map(([l, r]) => or(l, r)), tie('f').map(not)),
    })).f;
    return inner.map((f) => valuePath(pathOf(written), f));
  });
  const base = fc.oneof({ arbitrary: leaf(space.paths, pool), weight: 3 }, { arbitrary: bracket, weight: 1 });
  return fc.letrec<{ f: Filter }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      base,
      fc.tuple(tie('f'), tie('f')).map(([l, r]) => and(l, r)),
      fc.tuple(tie('f'), tie('f')).map(([l, r]) => or(l, r)),
      tie('f').map(not),
    ),
  })).f;
}

const E = ENTERPRISE;

/** User attributes: indexed columns, JSON, extension, membership, case variants, names no schema has. */
export const USER_FILTER_SPACE: FilterSpace = {
  paths: [
    ['userName', 'text'], ['USERNAME', 'text'], [`${CORE_USER}:userName`, 'text'], ['urn:IETF:params:scim:schemas:core:2.0:user:userName', 'text'],
    ['externalId', 'text'], ['displayName', 'text'], ['title', 'text'], ['active', 'boolean'], ['id', 'text'],
    ['name.givenName', 'text'], ['name.familyName', 'text'], ['name.formatted', 'text'], ['name.lastName', 'text'], ['name', 'text'],
    ['emails', 'text'], ['emails.value', 'text'], ['EMAILS.VALUE', 'text'], ['emails.type', 'text'], ['emails.primary', 'boolean'], ['emails.display', 'text'],
    ['phoneNumbers.value', 'text'], ['phoneNumbers', 'text'],
    ['meta.created', 'date'], ['meta.lastModified', 'date'], ['meta.resourceType', 'text'], ['meta.version', 'text'], ['meta', 'text'],
    ['groups', 'text'], ['groups.value', 'text'], ['groups.display', 'text'], ['groups.type', 'text'],
    ['schemas', 'text'],
    [`${E}:employeeNumber`, 'text'], [`${E}:department`, 'text'], [`${E}:manager`, 'text'], [`${E}:manager.value`, 'text'], [`${E.toLowerCase()}:employeeNumber`, 'text'],
    ['employeeNumber', 'text'], ['manager.value', 'text'],
    ['foo', 'text'], ['name.foo', 'text'], ['userName.foo', 'text'], ['urn:example:ext:1.0:User:foo', 'text'], ['urn:scim:schemas:core:2.0:userName', 'text'],
  ],
  valuePaths: [
    ['emails', [['value', 'text'], ['type', 'text'], ['primary', 'boolean'], ['display', 'text'], ['foo', 'text']]],
    ['EMAILS', [['VALUE', 'text'], ['Type', 'text']]],
    ['phoneNumbers', [['value', 'text'], ['type', 'text'], ['primary', 'boolean']]],
    ['name', [['givenName', 'text'], ['familyName', 'text'], ['lastName', 'text']]],
    ['groups', [['value', 'text'], ['display', 'text'], ['type', 'text']]],
    ['meta', [['created', 'date'], ['lastModified', 'date'], ['resourceType', 'text'], ['version', 'text']]],
    [`${E}:manager`, [['value', 'text'], ['displayName', 'text']]],
    ['userName', [['value', 'text']]],
    ['schemas', [['value', 'text']]],
    ['foo', [['value', 'text']]],
  ],
};

export const GROUP_FILTER_SPACE: FilterSpace = {
  paths: [
    ['displayName', 'text'], ['DisplayName', 'text'], [`${CORE_GROUP}:displayName`, 'text'], ['externalId', 'text'], ['id', 'text'],
    ['members', 'text'], ['members.value', 'text'], ['members.display', 'text'], ['members.type', 'text'],
    ['meta.created', 'date'], ['meta.lastModified', 'date'], ['meta.version', 'text'], ['meta.resourceType', 'text'],
    ['schemas', 'text'], ['userName', 'text'], ['foo', 'text'],
  ],
  valuePaths: [
    ['members', [['value', 'text'], ['display', 'text'], ['type', 'text'], ['foo', 'text']]],
    ['meta', [['created', 'date'], ['version', 'text']]],
    ['displayName', [['value', 'text']]],
  ],
};

/** The operand pool of some resources: each attribute's own values (a complex one's `value`s), all strings, all `meta` dates. */
export function operandPool(resources: readonly Readonly<Record<string, unknown>>[], strings: readonly string[]): OperandPool {
  const dates = resources.flatMap((r) => {
    const meta = r.meta as { created: string; lastModified: string };
    return [meta.created, meta.lastModified];
  });
  return {
    strings,
    dates,
    valuesOf(path) {
      const read = createValueReader(path, false);
      const values = resources.flatMap((r) => read(r)).flatMap((v) => (isPlainObject(v) ? [v.value] : [v]));
      return [...new Set(values.filter((v): v is string => typeof v === 'string'))];
    },
  };
}
