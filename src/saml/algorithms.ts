/** XML Signature algorithm names (xmldsig-core §6, RFC 6931 §2.1.3, §2.3.2), weakest first. */
export const SIGNATURE_METHODS = Object.freeze({
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha512': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
});

export const DIGEST_METHODS = Object.freeze({
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
});

export type SignatureMethodName = keyof typeof SIGNATURE_METHODS;
export type DigestMethodName = keyof typeof DIGEST_METHODS;

export interface AllowedAlgorithms {
  readonly signatureMethods: readonly string[];
  readonly digestMethods: readonly string[];
}

/**
 * The algorithm URIs a response may use: the configured one and any stronger. Configuring SHA-256 (the default)
 * therefore refuses SHA-1, which an owner has to choose explicitly for an IdP that knows nothing better.
 */
export function allowedAlgorithms(signature: string, digest: string): AllowedAlgorithms {
  return Object.freeze({
    signatureMethods: atLeast(SIGNATURE_METHODS, signature),
    digestMethods: atLeast(DIGEST_METHODS, digest),
  });
}

function atLeast(methods: Readonly<Record<string, string>>, configured: string): readonly string[] {
  const names = Object.keys(methods);
  const from = names.indexOf(configured);
  if (from < 0) throw new RangeError(`unknown algorithm "${configured}"; expected one of ${names.join(', ')}`);
  return Object.freeze(names.slice(from).map((name) => methods[name]));
}
