import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkXmlSafety } from './check-xml-safety.ts';
import { SamlError } from './saml-error.ts';

const refusedFor = (xml: string): string | undefined => {
  try {
    checkXmlSafety(xml);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof SamlError);
    return error.code;
  }
};

test('plain SAML passes, whatever the prefixes', () => {
  assert.equal(refusedFor('<samlp:Response><saml:NameID Format="x">bob@acme.example</saml:NameID><NameID/><saml2:AttributeValue>a &amp; b</saml2:AttributeValue></samlp:Response>'), undefined);
  assert.equal(refusedFor('<?xml version="1.0"?><r><!-- a comment outside identity values is harmless --><NameIDPolicy/></r>'), undefined);
});

test('DTDs and declarations are refused, in any case and spacing', () => {
  for (const xml of ['<!DOCTYPE r><r/>', '<!doctype r [<!ENTITY a "b">]><r/>', '<r><! ENTITY x SYSTEM "file:///etc/passwd"></r>', '<!ATTLIST r a CDATA #IMPLIED><r/>']) assert.equal(refusedFor(xml), 'xml_dtd', xml);
});

test('any markup inside a NameID is refused: comment, CDATA, processing instruction, element', () => {
  for (const inner of ['a<!---->b', 'a<![CDATA[b]]>', 'a<?pi x?>', 'a<b/>c']) {
    assert.equal(refusedFor(`<r><saml:NameID Format="f">${inner}</saml:NameID></r>`), 'nameid_comment', inner);
    assert.equal(refusedFor(`<r><NameID>${inner}</NameID></r>`), 'nameid_comment', inner);
  }
});

test('comments, CDATA and processing instructions inside an attribute value are refused', () => {
  for (const inner of ['admin<!-- -->', '<![CDATA[x]]>', '<?pi?>']) assert.equal(refusedFor(`<r><saml:AttributeValue xsi:type="xs:string">${inner}</saml:AttributeValue></r>`), 'attribute_comment', inner);
});
