import { invalidPath } from '../errors.ts';
import type { AttrPath, Filter } from '../filter/ast.ts';
import { readAttrPath } from '../filter/attr-path.ts';
import { parseBracket } from '../filter/parse.ts';
import type { SyntaxReporter } from '../filter/syntax-error.ts';
import { TokenStream } from '../filter/token-stream.ts';
import type { PatchPath } from './ast.ts';

const PATH: SyntaxReporter = Object.freeze({ subject: 'path', error: invalidPath });
const ATTRIBUTE_LIST: SyntaxReporter = Object.freeze({ subject: 'attribute list', error: invalidPath });

/**
 * Parses a PATCH path (RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`): `members`, `name.givenName`,
 * `emails[type eq "work"].value`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
 * The value filter inside `[ ]` is read by the filter parser, with its limits and extensions; a bare schema URN
 * reads as explained at `readAttrPath`. Surrounding whitespace is ignored.
 * @throws ScimError `invalidPath` (also for a malformed filter inside the brackets) naming the position.
 */
export function parsePath(text: string): PatchPath {
  const stream = new TokenStream(text, PATH);
  const attrPath = readAttrPath(stream.expect('word', 'an attribute path'), stream);
  let filter: Filter | undefined;
  let valueSubAttribute: string | undefined;
  if (stream.peek().kind === '[') {
    if (attrPath.subAttribute !== undefined) {
      throw stream.errorAt(stream.peek().start, 'a value filter "[ ]" must follow an attribute, not a sub-attribute');
    }
    filter = parseBracket(stream, { depth: 0, parent: undefined }, attrPath);
    if (stream.peek().kind === '.') {
      stream.next();
      const token = stream.expect('word', 'a sub-attribute name after "]."');
      const sub = readAttrPath(token, stream);
      if (sub.urn !== undefined || sub.subAttribute !== undefined) {
        throw stream.errorAt(token.start, `expected one sub-attribute name after "].", found ${JSON.stringify(token.text)}`);
      }
      valueSubAttribute = sub.attribute;
    }
  }
  const expected = filter === undefined ? '"[" or end of path' : valueSubAttribute === undefined ? '"." or end of path' : 'end of path';
  stream.expect('end', expected);
  return Object.freeze({ attrPath, filter, valueSubAttribute });
}

/**
 * Parses the `attributes` / `excludedAttributes` query parameter (RFC 7644 §3.4.2.5): attribute paths in the
 * notation of §3.10, separated by commas, with any whitespace around them. An empty or blank text is an empty
 * list. A value filter is not an attribute path here.
 * @throws ScimError `invalidPath`, as each item is an attribute path, naming the position.
 */
export function parseAttributeList(text: string): AttrPath[] {
  const stream = new TokenStream(text, ATTRIBUTE_LIST);
  const paths: AttrPath[] = [];
  if (stream.peek().kind === 'end') return paths;
  for (;;) {
    paths.push(readAttrPath(stream.expect('word', 'an attribute path'), stream));
    if (stream.peek().kind === 'end') return paths;
    stream.expect(',', '"," or end of attribute list');
  }
}
