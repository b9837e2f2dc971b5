import { SAML_REFUSALS, SamlError, type SamlRefusalCode } from '../../saml/saml-error.ts';

/**
 * Reasons a valid SAML response still does not sign the person in: decided here, from the enterprise's settings
 * and accounts. Stable codes, recorded like the protocol's (`saml.refused`, `details.reason`).
 */
export const SIGN_IN_REFUSALS = {
  saml_not_configured: {
    owner: 'SAML single sign-on is not configured (or not enabled) for this enterprise.',
    person: 'Single sign-on is not set up for this enterprise yet. Enterprise owners can sign in with a one-time link from the command line.',
  },
  user_not_provisioned: {
    owner: 'Require SCIM user provisioning is on and no SCIM-provisioned user has this NameID as userName.',
    person: 'Your account is not provisioned for this enterprise. Ask your administrator to assign you the application in your identity provider.',
  },
  user_suspended: {
    owner: 'The account, or its SCIM identity, is suspended.',
    person: 'Your account in this enterprise is suspended. Ask your administrator to reactivate it.',
  },
  login_invalid: {
    owner: 'Just-in-time provisioning could not derive a valid login handle from the assertion.',
    person: 'An account cannot be created for you: the name your identity provider sent does not make a valid login handle. Ask your administrator.',
  },
  login_taken: {
    owner: 'Just-in-time provisioning derived a login handle that another account already has.',
    person: 'An account cannot be created for you: its login handle is already taken by another account. Ask your administrator.',
  },
} as const satisfies Readonly<Record<string, { readonly owner: string; readonly person: string }>>;

export type SignInRefusalCode = keyof typeof SIGN_IN_REFUSALS;
export type RefusalCode = SamlRefusalCode | SignInRefusalCode;

/** A refused sign-in: the stable code, what exactly was wrong (for owners), and what the person is told. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly detail: string;
  readonly person: string;
}

const GENERAL = 'The response from your identity provider could not be accepted.';

/** A sign-in refusal of this layer. */
export function refusal(code: SignInRefusalCode, detail: string = SIGN_IN_REFUSALS[code].owner): Refusal {
  return Object.freeze({ code, detail, person: SIGN_IN_REFUSALS[code].person });
}

/** The refusal a protocol error stands for. */
export function protocolRefusal(error: SamlError): Refusal {
  const entry = SAML_REFUSALS[error.code] as { readonly owner: string; readonly person?: string };
  return Object.freeze({ code: error.code, detail: error.detail, person: entry.person ?? GENERAL });
}
