/** The schema validator samlify uses to check SAML messages against the SAML 2.0 XSDs (the package ships no types). */
declare module '@authenio/samlify-xmllint-wasm' {
  export function validate(xml: string): Promise<true>;
}
