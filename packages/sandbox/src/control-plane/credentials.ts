import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files holding the control plane's secrets, generated once per data dir. */
export interface ControlPlaneCredentials {
  serviceAccountKey: string;
  serviceAccountPub: string;
  tokensCsv: string;
  adminToken: string;
  certDir: string;
}

/**
 * Creates (or reuses) the service-account key pair, the admin bearer token and the cert dir.
 * Files are mode 0600 because they grant cluster-admin.
 */
export function ensureCredentials(dataDir: string): ControlPlaneCredentials {
  const pki = join(dataDir, 'pki');
  mkdirSync(pki, { recursive: true, mode: 0o700 });
  const serviceAccountKey = join(pki, 'sa.key');
  const serviceAccountPub = join(pki, 'sa.pub');
  if (!existsSync(serviceAccountKey) || !existsSync(serviceAccountPub)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeFileSync(serviceAccountKey, privateKey, { mode: 0o600 });
    writeFileSync(serviceAccountPub, publicKey, { mode: 0o600 });
  }
  const tokensCsv = join(pki, 'tokens.csv');
  if (!existsSync(tokensCsv)) {
    const token = randomBytes(24).toString('hex');
    writeFileSync(tokensCsv, `${token},admin,admin,system:masters\n`, { mode: 0o600 });
  }
  const adminToken = readFileSync(tokensCsv, 'utf8').split(',')[0] ?? '';
  const certDir = join(pki, 'serving');
  mkdirSync(certDir, { recursive: true, mode: 0o700 });
  return { serviceAccountKey, serviceAccountPub, tokensCsv, adminToken, certDir };
}
