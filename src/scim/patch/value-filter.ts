import { invalidPath, isScimError } from '../errors.ts';
import type { AttrPath, Filter } from '../filter/ast.ts';
import { compileFilter } from '../filter/evaluate.ts';
import { booleanOperands } from '../filter/boolean-operands.ts';
import { attrPath, valuePath } from '../filter/nodes.ts';
import { coerceSingle } from '../resource/coerce-value.ts';
import type { AttributeDefinition } from '../schemas/types.ts';
import type { JsonObject } from './json-value.ts';
import { subAttributeOf, type PatchContext } from './patch-context.ts';

/** Whether one value of a multi-valued (or single complex) attribute is selected by a value filter. */
export type ElementTest = (element: unknown) => boolean;

/**
 * Compiles the filter of `attr[filter]` once into a test of one value, with the schema's `caseExact` and
 * dateTime characteristics. A simple value is tested as `{value: …}` (RFC 7644 §3.4.2.2: `value` names the
 * value of a simple multi-valued attribute).
 * @throws ScimError `invalidPath` for a comparison with no meaning (`emails[primary gt true]`), since the
 *   filter is part of the path here.
 */
export function compileElementTest(
  context: Pick<PatchContext, 'index'>,
  attribute: AttributeDefinition,
  filter: Filter,
  text: string,
): ElementTest {
  const definitionOf = (name: string): AttributeDefinition | undefined =>
    attribute.type === 'complex' ? subAttributeOf(context, attribute, name) : attribute;
  // The evaluator asks about absolute paths (`emails.type`); a bare complex value compares its `value`.
  const absolute = (path: AttrPath): AttributeDefinition | undefined => definitionOf(path.subAttribute ?? 'value');
  const name = attribute.name;
  try {
    const test = compileFilter(valuePath(attrPath(undefined, name), booleanOperands(filter, (path) => definitionOf(path.attribute)?.type === 'boolean')), {
      caseExact: (path) => absolute(path)?.caseExact ?? false,
      isDateTime: (path) => absolute(path)?.type === 'dateTime',
    });
    if (attribute.type === 'complex') return (element) => test({ [name]: element });
    return (element) => test({ [name]: { value: element } });
  } catch (error) {
    if (isScimError(error) && error.scimType === 'invalidFilter') throw invalidPath(`"${text}": ${error.message}`);
    throw error;
  }
}

/** The `sub eq value` comparisons a filter is made of, or undefined when it is anything else. */
function equalities(filter: Filter, into: Map<string, string | number | boolean>): boolean {
  if (filter.kind === 'and') return equalities(filter.left, into) && equalities(filter.right, into);
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.value === null) return false;
  const key = filter.path.attribute.toLowerCase();
  if (into.has(key)) return false;
  into.set(key, filter.value);
  return true;
}

/**
 * The value to create when `add` or `replace` through a value filter matches nothing and the filter only
 * says what the value is: `emails[type eq "work"].value` creates `{type: "work", value: …}`. Microsoft Entra
 * ID relies on this (IDP-QUIRKS rule 4); RFC 7644 §3.5.2.3 would answer `noTarget`. Allowed filters are one
 * `eq`, or `eq`s on distinct sub-attributes joined by `and`, none of them read-only. Answers undefined when
 * the filter does not qualify.
 */
export function upsertTemplate(context: Pick<PatchContext, 'index'>, attribute: AttributeDefinition, filter: Filter): unknown {
  const given = new Map<string, string | number | boolean>();
  if (!equalities(filter, given)) return undefined;
  if (attribute.type !== 'complex') {
    const value = given.get('value');
    return given.size === 1 && value !== undefined ? coerceSingle(attribute, value, attribute.name) : undefined;
  }
  const element: JsonObject = {};
  for (const [name, value] of given) {
    const sub = subAttributeOf(context, attribute, name);
    if (sub === undefined || sub.mutability === 'readOnly') return undefined;
    element[sub.name] = coerceSingle(sub, value, `${attribute.name}.${sub.name}`);
  }
  return element;
}
