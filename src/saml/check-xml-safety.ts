import { samlError } from './saml-error.ts';

// Any markup declaration: a DTD, or entity, element, attribute-list or notation declarations outside one.
const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const NAME_ID = /<(?:[\w.-]+:)?NameID(?=[\s/>])[^>]*?(\/?)>/g;
const ATTRIBUTE_VALUE = /<(?:[\w.-]+:)?AttributeValue(?=[\s/>])[^>]*?(\/?)>/g;
const CLOSING = (name: string) => new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`, 'g');
const HIDDEN_MARKUP = /<!--|<\?|<!\[CDATA\[/;

/**
 * Checks the raw XML text before any parser sees it:
 * - no DTD or entity declaration (no entity expansion, no external entities: XXE and "billion laughs");
 * - no comment, processing instruction or CDATA inside a `NameID`, nor any other markup there, and none of the
 *   first three inside an `AttributeValue`. Exclusive canonicalization drops comments, so
 *   `admin@corp.example<!---->.evil.example` keeps a valid signature while a parser that reads the first text
 *   node sees another user.
 * The scan is deliberately conservative: it matches the element names whatever their prefix, so it refuses
 * rather than trusts a prefix it cannot resolve.
 */
export function checkXmlSafety(xml: string): void {
  const declaration = DECLARATION.exec(xml);
  if (declaration) throw samlError('xml_dtd', `the XML contains a <!${declaration[1].toUpperCase()} declaration`);
  for (const content of elementContents(xml, NAME_ID, 'NameID')) {
    if (content.includes('<')) throw samlError('nameid_comment', `the NameID contains markup: ${excerpt(content)}`);
  }
  for (const content of elementContents(xml, ATTRIBUTE_VALUE, 'AttributeValue')) {
    if (HIDDEN_MARKUP.test(content)) throw samlError('attribute_comment', `an AttributeValue contains a comment, processing instruction or CDATA: ${excerpt(content)}`);
  }
}

/** The raw text between each start tag matched by `opening` and the next closing tag of that name. */
function elementContents(xml: string, opening: RegExp, name: string): string[] {
  const contents: string[] = [];
  const closing = CLOSING(name);
  for (const match of xml.matchAll(opening)) {
    if (match[1] === '/') continue; // an empty element: nothing inside
    const start = match.index + match[0].length;
    closing.lastIndex = start;
    const end = closing.exec(xml);
    contents.push(xml.slice(start, end ? end.index : xml.length));
  }
  return contents;
}

const excerpt = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
