import { cloneJson, findKey, isJsonObject, jsonEqual, type JsonObject } from './json-value.ts';

/**
 * Where an attribute lives in a resource: at the top level for the core schema, under the schema URN key
 * for an extension (RFC 7643 §3.3). `name` is the attribute's canonical spelling.
 */
export interface AttributeSlot {
  readonly extension: string | undefined;
  readonly name: string;
}

/**
 * A copy-on-write view of a resource being patched. The input is never written: the draft starts as a
 * shallow copy, and the first write to a top-level member deep-copies that member only, so a PATCH of one
 * attribute of a large resource copies that attribute, not the resource.
 */
export class ResourceDraft {
  readonly #base: Readonly<JsonObject>;
  readonly #result: JsonObject;
  /** Top-level keys already copied, lowercase → canonical spelling. */
  readonly #owned = new Map<string, string>();

  constructor(base: Readonly<JsonObject>) {
    this.#base = base;
    this.#result = { ...base };
  }

  /** The current value at `slot`, for reading only: it may be shared with the input. */
  read(slot: AttributeSlot): unknown {
    const holder = this.#holder(slot);
    if (holder === undefined) return undefined;
    const key = findKey(holder, slot.name);
    return key === undefined ? undefined : holder[key];
  }

  /** The current value at `slot`, copied on first use so the caller may change it in place. */
  edit(slot: AttributeSlot): unknown {
    this.#own(slot.extension ?? slot.name);
    return this.read(slot);
  }

  /** Sets the value at `slot`; `undefined` removes it, and an extension left empty is removed too. */
  write(slot: AttributeSlot, value: unknown): void {
    const top = this.#own(slot.extension ?? slot.name);
    if (slot.extension === undefined) {
      if (value === undefined) delete this.#result[top];
      else this.#result[top] = value;
      return;
    }
    let holder = this.#result[top];
    if (!isJsonObject(holder)) {
      if (value === undefined) return;
      holder = {};
      this.#result[top] = holder;
    }
    const object = holder as JsonObject;
    const key = findKey(object, slot.name);
    if (key !== undefined) delete object[key];
    if (value !== undefined) object[slot.name] = value;
    if (Object.keys(object).length === 0) delete this.#result[top];
  }

  /** The top-level keys written to, whether or not their value changed. */
  touchedKeys(): string[] {
    return [...this.#owned.values()];
  }

  /** The top-level keys whose value differs from the input's, in the order they were first written. */
  changedKeys(): string[] {
    const changed: string[] = [];
    for (const top of this.#owned.values()) {
      const baseKey = findKey(this.#base, top);
      if (!jsonEqual(baseKey === undefined ? undefined : this.#base[baseKey], this.#result[top])) changed.push(top);
    }
    return changed;
  }

  /** The patched resource. It shares every member no operation wrote with the input. */
  result(): JsonObject {
    return this.#result;
  }

  #holder(slot: AttributeSlot): Readonly<JsonObject> | undefined {
    if (slot.extension === undefined) return this.#result;
    const key = findKey(this.#result, slot.extension);
    const holder = key === undefined ? undefined : this.#result[key];
    return isJsonObject(holder) ? holder : undefined;
  }

  /** Copies the top-level member `top` once, renaming it to the canonical spelling; answers its key. */
  #own(top: string): string {
    const lower = top.toLowerCase();
    const owned = this.#owned.get(lower);
    if (owned !== undefined) return owned;
    const key = findKey(this.#result, top);
    if (key !== undefined) {
      const value = this.#result[key];
      if (key !== top) delete this.#result[key];
      this.#result[top] = cloneJson(value);
    }
    this.#owned.set(lower, top);
    return top;
  }
}
