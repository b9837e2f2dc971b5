import { NS } from './namespaces.ts';
import type { SamlAssertion } from './read-assertion.ts';
import type { SamlResponseDocument } from './read-response.ts';
import { samlError } from './saml-error.ts';
import { allElements, attribute, childElements, descendants } from './xml-dom.ts';

/** Which of the two elements that may carry a signature do, and the one assertion whose data will be read. */
export interface SignatureCoverage {
  readonly responseSigned: boolean;
  readonly assertionSigned: boolean;
  readonly assertionId: string;
  /** Every signature in the document: at most one in the Response, at most one in the Assertion. */
  readonly signatures: readonly Element[];
}

// xml-crypto resolves a reference through any of these attributes, so all three must be unique together.
const ID_ATTRIBUTES = ['ID', 'Id', 'id'] as const;

/**
 * Refuses every document shape that XML signature wrapping relies on, before any signature is checked: exactly
 * one Assertion in the whole document, directly inside the Response; IDs unique; signatures only directly inside
 * the Response or the Assertion, one each, each referencing exactly the element that holds it. With that shape
 * there is one element a signature can cover and one element whose data is read, and they are the same.
 */
export function checkSignatureCoverage(response: SamlResponseDocument): SignatureCoverage {
  const { document, root } = response;
  if (descendants(document, NS.assertion, 'EncryptedAssertion').length > 0) throw samlError('assertion_encrypted');
  const assertions = descendants(document, NS.assertion, 'Assertion');
  if (assertions.length === 0) throw samlError('assertion_missing');
  if (assertions.length > 1) throw samlError('assertion_multiple', `the document holds ${assertions.length} Assertion elements`);
  const [assertion] = assertions;
  if (assertion.parentNode !== root) throw samlError('assertion_misplaced', `the Assertion sits inside a ${(assertion.parentNode as Element).localName} element, not directly inside the root Response`);
  checkUniqueIds(document);

  const signatures = descendants(document, NS.dsig, 'Signature');
  for (const signature of signatures) {
    const parent = signature.parentNode as Element;
    if (parent !== root && parent !== assertion) throw samlError('signature_misplaced', `a Signature sits inside ${parent.localName}`);
    checkReference(signature, parent);
  }
  const responseSigned = childElements(root, NS.dsig, 'Signature').length;
  const assertionSigned = childElements(assertion, NS.dsig, 'Signature').length;
  if (responseSigned > 1 || assertionSigned > 1) throw samlError('signature_misplaced', `the ${responseSigned > 1 ? 'Response' : 'Assertion'} holds more than one Signature`);
  if (responseSigned + assertionSigned === 0) throw samlError('signature_missing');
  return Object.freeze({ responseSigned: responseSigned === 1, assertionSigned: assertionSigned === 1, assertionId: attribute(assertion, 'ID') ?? '', signatures: Object.freeze(signatures) });
}

/** After verification: the assertion whose data is read must be the one found in the document, by ID. */
export function confirmCoverage(coverage: SignatureCoverage, verified: SamlAssertion): void {
  if (verified.id !== coverage.assertionId) {
    throw samlError('signature_coverage', `the signed assertion is ${JSON.stringify(verified.id)} but the document's assertion is ${JSON.stringify(coverage.assertionId)}`);
  }
}

function checkUniqueIds(document: Document): void {
  const seen = new Set<string>();
  for (const element of allElements(document)) {
    for (const name of ID_ATTRIBUTES) {
      const value = attribute(element, name);
      if (value === undefined) continue;
      if (seen.has(value)) throw samlError('duplicate_id', `the ID ${JSON.stringify(value)} appears on more than one element`);
      seen.add(value);
    }
  }
}

function checkReference(signature: Element, parent: Element): void {
  const [signedInfo] = childElements(signature, NS.dsig, 'SignedInfo');
  const references = signedInfo ? childElements(signedInfo, NS.dsig, 'Reference') : [];
  const id = attribute(parent, 'ID');
  if (references.length !== 1) throw samlError('signature_reference_mismatch', `the Signature in ${parent.localName} has ${references.length} references, not 1`);
  const uri = attribute(references[0], 'URI');
  if (!id || uri !== `#${id}`) throw samlError('signature_reference_mismatch', `the Signature in ${parent.localName} references ${JSON.stringify(uri ?? '')}, not its ${parent.localName} ${JSON.stringify(`#${id ?? ''}`)}`);
}
