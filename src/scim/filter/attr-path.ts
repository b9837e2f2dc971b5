import type { AttrPath } from './ast.ts';
import type { Token } from './lex.ts';
import { attrPath } from './nodes.ts';
import type { TokenStream } from './token-stream.ts';

/**
 * Reads an attribute path word (RFC 7644 §3.4.2.2 `attrPath = [URI ":"] ATTRNAME *1subAttr`, and §3.10).
 *
 * The URN is everything before the last `:`, so `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`
 * is the URN `…:2.0:User`, the attribute `manager` and the sub-attribute `value`. A bare schema URN such as
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` reads as URN `…:2.0` and attribute `User`; only a
 * schema-aware caller can tell it names a whole extension, so that is left to it.
 *
 * ATTRNAME is `ALPHA *("-" / "_" / DIGIT / ALPHA)`; as an extension a name may also start with `$`, because
 * RFC 7643 §2.4 itself names the sub-attribute `$ref` (`members.$ref`).
 */
export function readAttrPath(token: Token, stream: TokenStream): AttrPath {
  const word = token.text;
  const colon = word.lastIndexOf(':');
  const urn = colon < 0 ? undefined : word.slice(0, colon);
  if (urn !== undefined && !isSchemaUri(urn)) {
    throw stream.errorAt(token.start, `expected a schema URN such as "urn:ietf:params:scim:schemas:core:2.0:User" before the last ":", found ${JSON.stringify(urn)}`);
  }
  const rest = word.slice(colon + 1);
  const dot = rest.indexOf('.');
  const attribute = dot < 0 ? rest : rest.slice(0, dot);
  const subAttribute = dot < 0 ? undefined : rest.slice(dot + 1);
  const attributeAt = token.start + colon + 1;
  if (!isAttributeName(attribute)) {
    throw stream.errorAt(attributeAt, `expected an attribute name (a letter, then letters, digits, "-" or "_"), found ${JSON.stringify(attribute)}`);
  }
  if (subAttribute !== undefined && !isAttributeName(subAttribute)) {
    const message = subAttribute.includes('.')
      ? `expected at most one sub-attribute, found ${JSON.stringify(rest)}`
      : `expected a sub-attribute name after ".", found ${JSON.stringify(subAttribute)}`;
    throw stream.errorAt(attributeAt + dot + 1, message);
  }
  return attrPath(urn, attribute, subAttribute);
}

const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isNameCharacter = (c: number): boolean => isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;

/** ATTRNAME of RFC 7644 §3.4.2.2, or `$` followed by one (`$ref`). */
export function isAttributeName(name: string): boolean {
  const first = name.charCodeAt(0) === 0x24 ? 1 : 0;
  if (!isLetter(name.charCodeAt(first))) return false;
  for (let i = first + 1; i < name.length; i += 1) {
    if (!isNameCharacter(name.charCodeAt(i))) return false;
  }
  return true;
}

/** A URI of at least `scheme:part` whose colon-separated segments are non-empty and free of `$`. */
function isSchemaUri(uri: string): boolean {
  const segments = uri.split(':');
  return segments.length >= 2 && isLetter(uri.charCodeAt(0)) && segments.every((s) => s.length > 0 && !s.includes('$'));
}
