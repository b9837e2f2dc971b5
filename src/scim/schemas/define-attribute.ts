import type { AttributeDefinition, AttributeType, Mutability, Returned, Uniqueness } from './types.ts';

/** The characteristics one may state for an attribute; the rest take the defaults of RFC 7643 §2.2. */
export interface AttributeOptions {
  readonly type?: AttributeType;
  readonly multiValued?: boolean;
  readonly required?: boolean;
  readonly caseExact?: boolean;
  readonly mutability?: Mutability;
  readonly returned?: Returned;
  readonly uniqueness?: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

/**
 * Declares one attribute as frozen data. Unstated characteristics take the defaults of RFC 7643 §2.2:
 * type string, single-valued, not required, not case-exact, readWrite, returned by default, no uniqueness.
 * A complex attribute must list its sub-attributes, and only a complex attribute may (RFC 7643 §2.3.8).
 */
export function defineAttribute(name: string, description: string, options: AttributeOptions = {}): AttributeDefinition {
  const type = options.type ?? 'string';
  if ((type === 'complex') !== (options.subAttributes !== undefined)) {
    throw new TypeError(`attribute ${name}: sub-attributes go with type complex, and only with it`);
  }
  const definition: AttributeDefinition = {
    name,
    type,
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: options.returned ?? 'default',
    uniqueness: options.uniqueness ?? 'none',
    ...(options.canonicalValues === undefined ? {} : { canonicalValues: Object.freeze([...options.canonicalValues]) }),
    ...(options.referenceTypes === undefined ? {} : { referenceTypes: Object.freeze([...options.referenceTypes]) }),
    ...(options.subAttributes === undefined ? {} : { subAttributes: Object.freeze([...options.subAttributes]) }),
  };
  return Object.freeze(definition);
}

/** Options for the `type`/`primary`/`display`/`value` family shared by multi-valued attributes (RFC 7643 §2.4). */
export interface MultiValuedMembers {
  readonly value: AttributeDefinition;
  readonly typeDescription: string;
  readonly canonicalTypes?: readonly string[];
}

/**
 * The sub-attributes `value`, `display`, `type` and `primary` that RFC 7643 §2.4 gives to most multi-valued
 * attributes, in the order RFC 7643 §8.7.1 lists them.
 */
export function multiValuedSubAttributes(members: MultiValuedMembers): readonly AttributeDefinition[] {
  return Object.freeze([
    members.value,
    defineAttribute('display', 'A human-readable name, for display only.'),
    defineAttribute('type', members.typeDescription, members.canonicalTypes === undefined ? {} : { canonicalValues: members.canonicalTypes }),
    defineAttribute('primary', 'Whether this is the preferred value; `true` appears at most once.', { type: 'boolean' }),
  ]);
}
