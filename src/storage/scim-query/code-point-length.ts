/** Code points in `text`: SQL string functions count characters, JavaScript's `length` counts UTF-16 units. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}
