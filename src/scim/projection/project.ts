import type { AttrPath } from '../filter/ast.ts';
import { isJsonObject } from '../messages/read-body.ts';
import { findAttribute, findSchema } from '../schemas/lookup.ts';
import { resourceTypeIndex, type SchemaEntry } from '../schemas/schema-index.ts';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/types.ts';

/** The `attributes` and `excludedAttributes` of a query (RFC 7644 §3.4.2.5), already parsed. */
export interface ProjectionOptions {
  readonly attributes?: readonly AttrPath[];
  readonly excludedAttributes?: readonly AttrPath[];
}

/** Copies the selected part of a stored resource. */
export type Projector = (resource: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** What a path list names: per attribute, the whole of it ('all') or some of its sub-attributes. */
type Selection = Map<AttributeDefinition, 'all' | Set<AttributeDefinition>>;

/** One attribute to copy; `subAttributes` undefined copies the value whole. */
interface Slot {
  readonly name: string;
  readonly subAttributes: readonly string[] | undefined;
}

interface SchemaPlan {
  readonly urn: string;
  readonly extension: boolean;
  readonly slots: readonly Slot[];
}

function select(resourceType: ResourceTypeDefinition, paths: readonly AttrPath[]): Selection {
  const selection: Selection = new Map();
  const selectAll = (attribute: AttributeDefinition) => selection.set(attribute, 'all');
  for (const path of paths) {
    const match = findAttribute(resourceType, path);
    if (match === undefined) {
      // A bare schema URN (`urn:…:enterprise:2.0:User`) names every attribute of that schema; the path parser
      // reads it as URN `…:2.0` and attribute `User`. Anything else unknown is ignored.
      const whole = path.urn !== undefined && path.subAttribute === undefined ? findSchema(resourceType, `${path.urn}:${path.attribute}`) : undefined;
      whole?.schema.attributes.forEach(selectAll);
      continue;
    }
    const previous = selection.get(match.attribute);
    if (match.subAttribute === undefined || previous === 'all') {
      selectAll(match.attribute);
    } else {
      selection.set(match.attribute, (previous ?? new Set()).add(match.subAttribute));
    }
  }
  return selection;
}

const shownByDefault = (attribute: AttributeDefinition): boolean =>
  attribute.returned === 'always' || attribute.returned === 'default';

/**
 * The sub-attributes to keep of a complex attribute, or undefined for the whole value. RFC 7643 §2.2
 * `returned` applies at each level: `never` is never shown, `always` always, `request` only when named.
 */
function slotFor(attribute: AttributeDefinition, requested: Selection | undefined, excluded: Selection | undefined): Slot | undefined {
  if (attribute.returned === 'never') return undefined;
  const asked = requested?.get(attribute);
  const dropped = excluded?.get(attribute);
  let keep: (sub: AttributeDefinition) => boolean;
  if (requested !== undefined) {
    if (asked === undefined && attribute.returned !== 'always') return undefined;
    keep = (sub) => (asked instanceof Set ? asked.has(sub) || sub.returned === 'always' : shownByDefault(sub));
  } else {
    if (attribute.returned === 'request') return undefined;
    if (dropped === 'all' && attribute.returned !== 'always') return undefined;
    keep = (sub) => shownByDefault(sub) && (!(dropped instanceof Set) || !dropped.has(sub) || sub.returned === 'always');
  }
  if (attribute.subAttributes === undefined) return { name: attribute.name, subAttributes: undefined };
  const kept = attribute.subAttributes.filter((sub) => sub.returned !== 'never' && keep(sub));
  if (kept.length === 0) return undefined;
  const whole = kept.length === attribute.subAttributes.length;
  return { name: attribute.name, subAttributes: whole ? undefined : kept.map((sub) => sub.name) };
}

function planSchema(entry: SchemaEntry, requested: Selection | undefined, excluded: Selection | undefined): SchemaPlan {
  const slots: Slot[] = [];
  for (const attribute of entry.attributes.values()) {
    const slot = slotFor(attribute, requested, excluded);
    if (slot !== undefined) slots.push(slot);
  }
  return { urn: entry.schema.id, extension: entry.extension, slots };
}

function pick(value: unknown, names: readonly string[]): Record<string, unknown> | undefined {
  if (!isJsonObject(value)) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const name of names) {
    if (value[name] !== undefined) (out ??= {})[name] = value[name];
  }
  return out;
}

function copySlots(source: Readonly<Record<string, unknown>>, slots: readonly Slot[], into: Record<string, unknown>): boolean {
  let copied = false;
  for (const { name, subAttributes } of slots) {
    const value = source[name];
    if (value === undefined || value === null) continue;
    let out: unknown = value;
    if (subAttributes !== undefined) {
      out = Array.isArray(value) ? value.map((item) => pick(item, subAttributes)).filter((item) => item !== undefined) : pick(value, subAttributes);
      if (out === undefined || (Array.isArray(out) && out.length === 0)) continue;
    }
    into[name] = out;
    copied = true;
  }
  return copied;
}

/**
 * Compiles the attribute selection of a query once, for every resource of a response (RFC 7644 §3.4.2.5,
 * RFC 7643 §2.2 `returned`):
 * - neither list: attributes returned `always` or `default`;
 * - `attributes`: those named (a whole attribute, a sub-attribute, or a whole schema by its URN), plus
 *   `always` ones (`id`); `request` attributes only when named;
 * - `excludedAttributes`: the default set minus those named; `always` attributes cannot be excluded;
 * - both lists (RFC 7644 §3.9 makes them alternatives): `attributes` wins, `excludedAttributes` is ignored.
 * `returned: never` (`password`) is never shown. Unknown names are ignored. `schemas` is always returned and
 * lists the core schema and the extensions left in the result. Values are copied, not cloned deeply.
 */
export function compileProjection(resourceType: ResourceTypeDefinition, options: ProjectionOptions = {}): Projector {
  // An empty list (`attributes=`) is read as no list at all; without either list, every request of a resource
  // type shares one projector.
  if (!options.attributes?.length && !options.excludedAttributes?.length) {
    let projector = defaultProjectors.get(resourceType);
    if (!projector) defaultProjectors.set(resourceType, (projector = projectorFor(resourceType, undefined, undefined)));
    return projector;
  }
  const requested = options.attributes?.length ? select(resourceType, options.attributes) : undefined;
  const excluded = requested === undefined && options.excludedAttributes?.length ? select(resourceType, options.excludedAttributes) : undefined;
  return projectorFor(resourceType, requested, excluded);
}

const defaultProjectors = new WeakMap<ResourceTypeDefinition, Projector>();

function projectorFor(resourceType: ResourceTypeDefinition, requested: Selection | undefined, excluded: Selection | undefined): Projector {
  const index = resourceTypeIndex(resourceType);
  const core = planSchema(index.core, requested, excluded);
  const extensions = index.extensions.map((entry) => planSchema(entry, requested, excluded)).filter((plan) => plan.slots.length > 0);
  return (resource) => {
    const schemas = [core.urn];
    const out: Record<string, unknown> = { schemas };
    copySlots(resource, core.slots, out);
    for (const plan of extensions) {
      const source = resource[plan.urn];
      if (!isJsonObject(source)) continue;
      const part: Record<string, unknown> = {};
      if (copySlots(source, plan.slots, part)) {
        out[plan.urn] = part;
        schemas.push(plan.urn);
      }
    }
    return out;
  };
}

/** Projects one resource; to project many with the same options, compile once with `compileProjection`. */
export function projectResource(
  resourceType: ResourceTypeDefinition,
  resource: Readonly<Record<string, unknown>>,
  options: ProjectionOptions = {},
): Record<string, unknown> {
  return compileProjection(resourceType, options)(resource);
}
