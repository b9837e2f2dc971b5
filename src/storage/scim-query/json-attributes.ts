import { defineAttribute } from '../../scim/schemas/define-attribute.ts';
import type { AttributeDefinition } from '../../scim/schemas/types.ts';
import { anyOf, type Predicate } from './predicate.ts';
import { scalarPresent } from './scalar-tests.ts';
import type { JsonKey, Sql, SqlFunctions } from './sql-functions.ts';
import { byName } from './by-name.ts';
import type { QueryScope } from './query-scope.ts';
import { ABSENT_SCALAR, type AttributeSource, type ObjectScope, type SqlScalar } from './sql-values.ts';

/** `schemas` is in every resource (RFC 7643 §3) but in no schema: a multi-valued string, not case-exact. */
export const SCHEMAS_ATTRIBUTE: AttributeDefinition = defineAttribute('schemas', 'The schema URNs of the resource.', { multiValued: true });

/** A simple attribute stored in the resource JSON at `keys`. */
export function jsonScalar(fn: SqlFunctions, document: Sql, keys: readonly JsonKey[], definition: AttributeDefinition): SqlScalar {
  switch (definition.type) {
    case 'string':
    case 'reference':
    case 'binary':
    case 'dateTime': // stored as sent, so its text is not an instant: only compared as text
      return { kind: 'text', exact: fn.jsonText(document, keys) };
    case 'boolean':
      return { kind: 'boolean', isTrue: fn.jsonTypeIs(document, keys, 'true'), isFalse: fn.jsonTypeIs(document, keys, 'false') };
    default:
      return { kind: 'unsupported', name: definition.name };
  }
}

/** A complex value stored as a JSON object; its sub-attributes are read from the schema definition. */
export function jsonObjectScope(fn: SqlFunctions, document: Sql, keys: readonly JsonKey[], definition: AttributeDefinition): ObjectScope {
  const subAttributes = definition.subAttributes ?? [];
  return {
    sub(name) {
      const sub = byName(subAttributes, name);
      return sub === undefined ? ABSENT_SCALAR : jsonScalar(fn, document, [...keys, sub.name], sub);
    },
    // A stored object holds only its schema's sub-attributes, so it is present when one of them is.
    present: () =>
      subAttributes.reduce<Predicate>((any, sub) => anyOf(any, scalarPresent(jsonScalar(fn, document, [...keys, sub.name], sub))), false),
  };
}

/**
 * An attribute of the resource JSON at `keys` (top-level name, or extension URN then name), shaped by its
 * definition: one value, a list of values, one object, or a list of objects walked in a subquery.
 */
export function jsonAttribute(scope: QueryScope, document: Sql, keys: readonly JsonKey[], definition: AttributeDefinition): AttributeSource {
  const { fn } = scope;
  if (definition.type !== 'complex') {
    if (!definition.multiValued) return { kind: 'simple', scalar: jsonScalar(fn, document, keys, definition) };
    return {
      kind: 'simpleList',
      some: (test) =>
        fn.someElement(document, keys, scope.nextAlias('e'), (element) =>
          test(definition.type === 'boolean' ? { kind: 'unsupported', name: definition.name } : { kind: 'text', exact: element.text }),
        ),
      first: () => jsonScalar(fn, document, [...keys, 0], definition),
    };
  }
  if (!definition.multiValued) {
    return { kind: 'object', exists: fn.jsonTypeIs(document, keys, 'object'), scope: jsonObjectScope(fn, document, keys, definition) };
  }
  return {
    kind: 'objectList',
    some: (test) => fn.someElement(document, keys, scope.nextAlias('e'), (element) => test(jsonObjectScope(fn, element.document, [], definition))),
    preferred: () => jsonObjectScope(fn, fn.preferredElement(document, keys, scope.nextAlias('p')), [], definition),
  };
}
