/**
 * A small model of SPEC §5, written from the specification alone: it knows users, groups and organizations by
 * name, and after each operation reconciles exactly the users the operation affects. The property test drives
 * the server and this model with the same operations and compares what they say.
 */
export interface ModelUser {
  exists: boolean;
  active: boolean;
}

export class OrgModel {
  readonly users = new Map<string, ModelUser>();
  /** Groups by their SCIM id (the test's handle), with a display name and member names. */
  readonly groups = new Map<string, { name: string; members: Set<string> }>();
  /** Organization logins, lowercased. */
  readonly orgs = new Set<string>();
  /** `user|org` pairs. */
  readonly members = new Set<string>();
  readonly pending = new Set<string>();
  emails = 0;

  private desired(user: string): Set<string> {
    const state = this.users.get(user);
    const wanted = new Set<string>();
    if (!state?.exists || !state.active) return wanted;
    for (const group of this.groups.values()) {
      const key = group.name.toLowerCase();
      if (group.members.has(user) && this.orgs.has(key)) wanted.add(key);
    }
    return wanted;
  }

  /** SPEC §5 steps 1–3 for each affected user. */
  reconcile(users: Iterable<string>): void {
    for (const user of new Set(users)) {
      const wanted = this.desired(user);
      for (const org of this.orgs) {
        const pair = `${user}|${org}`;
        if (wanted.has(org)) {
          if (!this.members.has(pair) && !this.pending.has(pair)) {
            this.pending.add(pair);
            this.emails++;
          }
        } else {
          this.pending.delete(pair);
          this.members.delete(pair);
        }
      }
    }
  }

  groupNamed(name: string): string | undefined {
    for (const [id, group] of this.groups) if (group.name.toLowerCase() === name.toLowerCase()) return id;
    return undefined;
  }

  /** Members of the groups named (any case) `names`. */
  membersOfGroupsNamed(...names: string[]): string[] {
    const keys = new Set(names.map((n) => n.toLowerCase()));
    return [...this.groups.values()].filter((g) => keys.has(g.name.toLowerCase())).flatMap((g) => [...g.members]);
  }

  accept(user: string, org: string): void {
    const pair = `${user}|${org}`;
    this.pending.delete(pair);
    this.members.add(pair);
  }
}
