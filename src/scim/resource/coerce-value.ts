import { invalidValue } from '../errors.ts';
import { subAttributeMap } from '../schemas/schema-index.ts';
import type { AttributeDefinition } from '../schemas/types.ts';

/** xsd:dateTime (RFC 7643 §2.3.5): date, `T`, time, optional fraction, optional zone. */
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;
/** Base64 (RFC 7643 §2.3.6 refers to RFC 4648 §4); line breaks are tolerated and removed. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function looksLikeJson(value: string): boolean {
  const first = value.trimStart()[0];
  return first === '[' || first === '{';
}

/** Entra ID sends some complex values (`roles`) as JSON text inside a string; anything else stays as given. */
function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string' || !looksLikeJson(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function fail(label: string, expected: string): never {
  throw invalidValue(`Attribute "${label}" must be ${expected}`);
}

function coerceComplex(attribute: AttributeDefinition, raw: unknown, label: string): Record<string, unknown> | undefined {
  let value = parseJsonText(raw);
  const subs = subAttributeMap(attribute);
  const valueSub = subs.get('value');
  if (!attribute.multiValued && valueSub !== undefined) {
    // Entra ID sends the Enterprise User `manager` as the manager's id, or as a list of one reference.
    if (Array.isArray(value) && value.length === 1) value = value[0];
    if (typeof value !== 'object' || value === null) value = { value };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(label, 'a JSON object');
  const given = new Map<AttributeDefinition, unknown>();
  for (const [key, item] of Object.entries(value)) {
    const sub = subs.get(key.toLowerCase());
    // Unknown sub-attributes are ignored like unknown attributes; read-only ones are ignored on input
    // (RFC 7643 §2.2: "Any values provided SHALL be ignored"), e.g. the `display` Okta sends with members.
    if (sub === undefined || sub.mutability === 'readOnly') continue;
    if (given.has(sub)) throw invalidValue(`Attribute "${label}.${sub.name}" is given twice`);
    given.set(sub, coerceSingle(sub, item, `${label}.${sub.name}`));
  }
  const out: Record<string, unknown> = {};
  for (const sub of attribute.subAttributes ?? []) {
    const item = given.get(sub);
    if (item !== undefined) out[sub.name] = item;
    else if (sub.required && sub.mutability !== 'readOnly') throw invalidValue(`Attribute "${label}.${sub.name}" is required`);
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Coerces one value (not a list) to an attribute's type, ignoring `multiValued`. Answers undefined for null
 * and for a complex value left empty, both "unassigned" (RFC 7643 §2.5). Booleans may come as the strings
 * "true"/"false" in any case (Entra ID sends "True"/"False"). Throws `invalidValue` naming the attribute.
 * Neither `canonicalValues` nor `caseExact` constrain input: RFC 7643 §2.3.1 lets `type` take other values.
 */
export function coerceSingle(attribute: AttributeDefinition, value: unknown, label: string = attribute.name): unknown {
  if (value === null || value === undefined) return undefined;
  switch (attribute.type) {
    case 'string':
    case 'reference':
      return typeof value === 'string' ? value : fail(label, 'a string');
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(?:true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      return fail(label, 'a boolean');
    case 'integer':
      return Number.isSafeInteger(value) ? value : fail(label, 'an integer');
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail(label, 'a number');
    case 'dateTime':
      return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? value
        : fail(label, 'an xsd:dateTime string');
    case 'binary': {
      if (typeof value !== 'string') return fail(label, 'a base64 string');
      const compact = value.replace(/[\r\n]/g, '');
      return BASE64.test(compact) ? compact : fail(label, 'a base64 string');
    }
    case 'complex':
      return coerceComplex(attribute, value, label);
  }
}

/**
 * Coerces a value for an attribute definition as a whole (RFC 7643 §2.3, §2.4), for resource validation and
 * the PATCH engine. A multi-valued attribute accepts an array, a single complex element (wrapped), or JSON
 * text of either (Entra ID sends `roles` so); null elements and empty complex elements are dropped, and at most one
 * element may say `primary: true` (RFC 7643 §2.4). Answers undefined for null, [] for an empty list.
 */
export function coerceValue(attribute: AttributeDefinition, value: unknown, label: string = attribute.name, options: { readonly strictLists?: boolean } = {}): unknown {
  if (!attribute.multiValued) return coerceSingle(attribute, value, label);
  if (value === null || value === undefined) return undefined;
  const parsed = attribute.type === 'complex' ? parseJsonText(value) : value;
  // In a PATCH value, a lone complex value stands for a list of one (clients send one member or email so); a
  // whole resource (`strictLists`) must give lists as lists, and a lone scalar is never a shorthand.
  const loneObject = attribute.type === 'complex' && typeof parsed === 'object' && parsed !== null && options.strictLists !== true;
  if (!Array.isArray(parsed) && !loneObject) {
    return fail(label, 'a JSON array');
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const out: unknown[] = [];
  let primaries = 0;
  for (const element of list) {
    const coerced = coerceSingle(attribute, element, label);
    if (coerced === undefined) continue;
    if ((coerced as { primary?: unknown }).primary === true) primaries++;
    out.push(coerced);
  }
  if (primaries > 1) throw invalidValue(`Attribute "${label}" has more than one primary value (RFC 7643 §2.4)`);
  return out;
}
