import { invalidFilter } from '../errors.ts';
import { COMPARE_OPERATORS, type AttrPath, type CompareOperator, type Filter, type FilterValue } from './ast.ts';
import { readAttrPath } from './attr-path.ts';
import { MAX_NESTING_DEPTH } from './limits.ts';
import { and, compare, not, or, present, valuePath } from './nodes.ts';
import { printAttrPath } from './print.ts';
import type { SyntaxReporter } from './syntax-error.ts';
import { TokenStream } from './token-stream.ts';

/**
 * Recursive-descent parser of the filter grammar of RFC 7644 §3.4.2.2, with errata 4690 and 7322 (value filters
 * hold sub-attribute expressions, `and`/`or`, `not ( )` and grouping, but no nested value path).
 *
 * Precedence is `not` > `and` > `or`; `and` and `or` associate to the left. `not` must be followed by `(`
 * (with or without a space between them). Keywords, operators and `true`/`false`/`null` are read in any case;
 * attribute names keep their spelling.
 *
 * Extension: `emails[type eq "work"].value eq "x"`, which Microsoft Entra ID sends and the ABNF does not allow,
 * is read as `emails[type eq "work" and value eq "x"]` (the same tree), as it means a single element that
 * satisfies both.
 */

const FILTER: SyntaxReporter = Object.freeze({ subject: 'filter', error: invalidFilter });

/** Where the parser stands: nesting depth so far, and the attribute whose `[ ]` encloses it, if any. */
export interface FilterScope {
  readonly depth: number;
  readonly parent: AttrPath | undefined;
}

/**
 * Parses a filter (RFC 7644 §3.4.2.2) into a frozen tree.
 * @throws ScimError `invalidFilter` whose detail names the 0-based position and what was expected there.
 */
export function parseFilter(text: string): Filter {
  const stream = new TokenStream(text, FILTER);
  const filter = parseDisjunction(stream, { depth: 0, parent: undefined });
  stream.expect('end', '"and", "or" or end of input');
  return filter;
}

/** `FILTER ("or" FILTER)*`: the lowest level, where a filter, a group and a value filter start. */
function parseDisjunction(stream: TokenStream, scope: FilterScope): Filter {
  let left = parseConjunction(stream, scope);
  while (stream.acceptKeyword('or')) left = or(left, parseConjunction(stream, scope));
  return left;
}

function parseConjunction(stream: TokenStream, scope: FilterScope): Filter {
  let left = parseFactor(stream, scope);
  while (stream.acceptKeyword('and')) left = and(left, parseFactor(stream, scope));
  return left;
}

/** `"(" FILTER ")"`, `"not" "(" FILTER ")"`, a value path or an attribute expression. */
function parseFactor(stream: TokenStream, scope: FilterScope): Filter {
  const token = stream.peek();
  if (token.kind === '(') return parseGroup(stream, scope);
  if (stream.isKeyword('not') && stream.peek(1).kind === '(') {
    stream.next();
    return not(parseGroup(stream, scope));
  }
  if (stream.isKeyword('not') && stream.peek(1).kind === 'word' && !isOperator(stream.peek(1).text)) {
    throw stream.unexpected('"(" after "not" (RFC 7644 §3.4.2.2)', stream.peek(1));
  }
  if (token.kind !== 'word') throw stream.unexpected('an attribute path, "(" or "not ("');
  stream.next();
  const path = readAttrPath(token, stream);
  if (scope.parent !== undefined && (path.urn !== undefined || path.subAttribute !== undefined)) {
    throw stream.errorAt(token.start, `expected a sub-attribute name of ${JSON.stringify(printAttrPath(scope.parent))} inside "[ ]", found ${JSON.stringify(token.text)}`);
  }
  if (stream.peek().kind !== '[') return parseOperation(stream, path);
  if (scope.parent !== undefined) {
    throw stream.errorAt(stream.peek().start, 'value filters cannot be nested (RFC 7644 §3.4.2.2, errata 4690)');
  }
  if (path.subAttribute !== undefined) {
    throw stream.errorAt(stream.peek().start, 'a value filter "[ ]" must follow an attribute, not a sub-attribute');
  }
  const inner = parseBracket(stream, scope, path);
  if (stream.peek().kind !== '.') return valuePath(path, inner);
  stream.next();
  const subToken = stream.expect('word', 'a sub-attribute name after "]."');
  const sub = readAttrPath(subToken, stream);
  if (sub.urn !== undefined || sub.subAttribute !== undefined) {
    throw stream.errorAt(subToken.start, `expected one sub-attribute name after "].", found ${JSON.stringify(subToken.text)}`);
  }
  return valuePath(path, and(inner, parseOperation(stream, sub)));
}

function parseGroup(stream: TokenStream, scope: FilterScope): Filter {
  const open = stream.expect('(', '"("');
  const inner = parseDisjunction(stream, deeper(stream, scope, open.start, scope.parent));
  stream.expect(')', `"and", "or" or ")" to close the "(" at position ${open.start}`);
  return inner;
}

/** `"[" valFilter "]"` after `path`; returns the filter inside. */
export function parseBracket(stream: TokenStream, scope: FilterScope, path: AttrPath): Filter {
  const open = stream.expect('[', '"["');
  const inner = parseDisjunction(stream, deeper(stream, scope, open.start, path));
  stream.expect(']', `"and", "or" or "]" to close the "[" at position ${open.start}`);
  return inner;
}

function deeper(stream: TokenStream, scope: FilterScope, at: number, parent: AttrPath | undefined): FilterScope {
  if (scope.depth >= MAX_NESTING_DEPTH) throw stream.errorAt(at, `nested more than ${MAX_NESTING_DEPTH} levels deep`);
  return { depth: scope.depth + 1, parent };
}

const isOperator = (word: string): boolean => {
  const lower = word.toLowerCase();
  return lower === 'pr' || (COMPARE_OPERATORS as readonly string[]).includes(lower);
};

/** `attrPath SP "pr"` or `attrPath SP compareOp SP compValue`, once the path is read. */
function parseOperation(stream: TokenStream, path: AttrPath): Filter {
  const token = stream.peek();
  const op = token.kind === 'word' ? token.text.toLowerCase() : '';
  if (op === 'pr') {
    stream.next();
    return present(path);
  }
  if (!(COMPARE_OPERATORS as readonly string[]).includes(op)) {
    throw stream.unexpected('an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr)');
  }
  stream.next();
  return compare(path, op as CompareOperator, parseValue(stream));
}

/** `compValue = false / null / true / number / string`, the literal names in any case. */
function parseValue(stream: TokenStream): FilterValue {
  const token = stream.peek();
  if (token.kind === 'string' || token.kind === 'number') {
    stream.next();
    return token.value as string | number;
  }
  const literal = token.kind === 'word' ? token.text.toLowerCase() : '';
  if (literal === 'true' || literal === 'false' || literal === 'null') {
    stream.next();
    return literal === 'null' ? null : literal === 'true';
  }
  throw stream.unexpected('a value (a "quoted string", a number, true, false or null)');
}
