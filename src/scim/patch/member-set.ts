/**
 * Member ids to add and to remove, or a whole new list, built operation by operation so that later
 * operations win: `add x` then `remove x` leaves x out. Ids are keyed without case, as `members.value` is
 * not caseExact (RFC 7643 §8.7.1); the spelling first given is kept.
 */
export class MemberSet {
  #all: Map<string, string> | undefined;
  readonly #added = new Map<string, string>();
  readonly #removed = new Map<string, string>();

  add(ids: readonly string[]): void {
    for (const id of ids) {
      const key = id.toLowerCase();
      if (this.#all !== undefined) {
        if (!this.#all.has(key)) this.#all.set(key, id);
        continue;
      }
      this.#removed.delete(key);
      if (!this.#added.has(key)) this.#added.set(key, id);
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const key = id.toLowerCase();
      if (this.#all !== undefined) {
        this.#all.delete(key);
        continue;
      }
      this.#added.delete(key);
      if (!this.#removed.has(key)) this.#removed.set(key, id);
    }
  }

  replaceAll(ids: readonly string[]): void {
    this.#all = new Map();
    this.#added.clear();
    this.#removed.clear();
    this.add(ids);
  }

  delta(): { add: readonly string[]; remove: readonly string[]; replaceAll: readonly string[] | undefined } {
    return {
      add: Object.freeze([...this.#added.values()]),
      remove: Object.freeze([...this.#removed.values()]),
      replaceAll: this.#all === undefined ? undefined : Object.freeze([...this.#all.values()]),
    };
  }
}
