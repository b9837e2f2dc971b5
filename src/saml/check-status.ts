import { NS, STATUS_SUCCESS } from './namespaces.ts';
import type { SamlResponseDocument } from './read-response.ts';
import { samlError } from './saml-error.ts';
import { attribute, childElements, text } from './xml-dom.ts';

/** The top-level status must be Success (SAML core §3.2.2.2); otherwise the IdP's codes and message say why. */
export function checkStatus(response: SamlResponseDocument): void {
  const [status] = childElements(response.root, NS.protocol, 'Status');
  const [code] = status ? childElements(status, NS.protocol, 'StatusCode') : [];
  const value = code && attribute(code, 'Value');
  if (value === STATUS_SUCCESS) return;
  if (!value) throw samlError('malformed_response', 'the Response has no Status/StatusCode');
  const nested = childElements(code, NS.protocol, 'StatusCode').map((c) => attribute(c, 'Value') ?? '');
  const message = text(childElements(status, NS.protocol, 'StatusMessage')[0]);
  const codes = [value, ...nested].map((v) => v.replace(/^urn:oasis:names:tc:SAML:2\.0:status:/, '')).join(' / ');
  throw samlError('idp_error_status', `the identity provider answered ${codes}${message ? `: ${message}` : ''}`);
}
