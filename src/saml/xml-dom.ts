import { DOMParser } from '@xmldom/xmldom';
import { samlError } from './saml-error.ts';

/**
 * Parses XML that has already passed `checkXmlSafety`, refusing anything the parser reports, even a warning:
 * a lenient parse is how one document comes to be read two ways.
 */
export function parseXml(xml: string): Document {
  const problems: string[] = [];
  const report = (message: string) => void problems.push(String(message).split('\n')[0]);
  const document = new DOMParser({ locator: {}, errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(xml, 'text/xml');
  if (problems.length > 0 || !document?.documentElement) throw samlError('malformed_response', `the XML does not parse: ${problems[0] ?? 'no root element'}`);
  return document;
}

const ELEMENT_NODE = 1;

/** The element children of `parent` with the given namespace and local name, in document order. */
export function childElements(parent: Node, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE && (node as Element).namespaceURI === namespace && (node as Element).localName === localName) found.push(node as Element);
  }
  return found;
}

/** The one child element of that name, undefined when there is none; more than one is the caller's `onMany`. */
export function onlyChild(parent: Node, namespace: string, localName: string, onMany: () => Error): Element | undefined {
  const children = childElements(parent, namespace, localName);
  if (children.length > 1) throw onMany();
  return children[0];
}

/** Every element of that name anywhere under `root`. */
export const descendants = (root: Document | Element, namespace: string, localName: string): Element[] =>
  Array.from(root.getElementsByTagNameNS(namespace, localName));

/** Every element under `root`, `root` included when it is an element. */
export function allElements(root: Document | Element): Element[] {
  const elements = Array.from(root.getElementsByTagName('*'));
  return root.nodeType === ELEMENT_NODE ? [root as Element, ...elements] : elements;
}

/** An attribute's value, or undefined when the attribute is absent. */
export const attribute = (element: Element, name: string): string | undefined => (element.hasAttribute(name) ? element.getAttribute(name)! : undefined);

/** The trimmed text of an element. */
export const text = (element: Element | undefined): string | undefined => element?.textContent?.trim();
