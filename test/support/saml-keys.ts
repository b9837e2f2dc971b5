import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An RSA key and its self-signed certificate, both PEM. */
export interface TestKeys {
  readonly privateKey: string;
  readonly certificate: string;
}

/** A fresh key pair and certificate made by openssl at test time: no key material is kept in the repository. */
export function generateTestKeys(commonName: string): TestKeys {
  const dir = mkdtempSync(join(tmpdir(), 'provisio-keys-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${commonName}`, '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    return Object.freeze({ privateKey: readFileSync(keyFile, 'utf8'), certificate: readFileSync(certFile, 'utf8') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
