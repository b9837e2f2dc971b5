/** The definition named `name` among `definitions`, names compared case-insensitively (RFC 7643 §2.1). */
export function byName<T extends { readonly name: string }>(definitions: readonly T[] | undefined, name: string): T | undefined {
  const lower = name.toLowerCase();
  return definitions?.find((definition) => definition.name.toLowerCase() === lower);
}
