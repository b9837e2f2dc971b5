import { readFile } from 'node:fs/promises';
import { cliContext } from '../../domain/context.ts';
import { requireString, UsageError, withRuntime, type Command } from '../command.ts';

export const samlSet: Command = {
  name: 'saml set',
  usage: 'provisio saml set --enterprise <slug> --sso-url <url> --issuer <entity-id> --certificate <pem-file> [--signature-algorithm rsa-sha256] [--digest-algorithm sha256] [--allow-idp-initiated]',
  summary: "Configure the enterprise's SAML identity provider.",
  options: {
    enterprise: { type: 'string', description: 'Enterprise slug.' },
    'sso-url': { type: 'string', description: "The IdP's sign-on URL." },
    issuer: { type: 'string', description: "The IdP's issuer (entity id)." },
    certificate: { type: 'string', description: "File with the IdP's signing certificate (PEM; two during a rotation)." },
    'signature-algorithm': { type: 'string', description: 'rsa-sha256 (default), rsa-sha512 or rsa-sha1.' },
    'digest-algorithm': { type: 'string', description: 'sha256 (default), sha512 or sha1.' },
    'allow-idp-initiated': { type: 'boolean', description: 'Accept sign-ins the IdP starts (no request of ours).' },
  },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const file = requireString(input, 'certificate');
      let certificates: string;
      try {
        certificates = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read certificate file "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const saved = await services.saml.set(
        requireString(input, 'enterprise'),
        {
          ssoUrl: requireString(input, 'sso-url'),
          issuer: requireString(input, 'issuer'),
          certificates,
          signatureAlgorithm: input.options['signature-algorithm'] as string | undefined,
          digestAlgorithm: input.options['digest-algorithm'] as string | undefined,
          allowIdpInitiated: input.options['allow-idp-initiated'] === true,
        },
        cliContext(),
      );
      return { json: saved, text: `SAML configured: ${saved.issuer} at ${saved.ssoUrl} (${saved.certificates.length} certificate(s)).` };
    }),
};

export const samlGet: Command = {
  name: 'saml get',
  usage: 'provisio saml get --enterprise <slug>',
  summary: "Show the enterprise's SAML configuration.",
  options: { enterprise: { type: 'string', description: 'Enterprise slug.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const saml = await services.saml.get(requireString(input, 'enterprise'));
      return { json: saml ?? null, text: saml ? JSON.stringify(saml, null, 2) : 'SAML is not configured.' };
    }),
};
