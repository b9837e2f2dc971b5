import type { AttrPath, Filter } from '../filter/ast.ts';

/**
 * A PATCH path (RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`) or a projection path
 * (RFC 7644 §3.4.2.5). `filter` is set for a value path such as `emails[type eq "work"].value`;
 * `subAttribute` after the brackets is then `value`.
 */
export interface PatchPath {
  readonly attrPath: AttrPath;
  readonly filter: Filter | undefined;
  /** The sub-attribute written after a value filter (`members[value eq "x"].display` → `display`). */
  readonly valueSubAttribute: string | undefined;
}
