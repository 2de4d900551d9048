import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PEM certificate and its private key. */
export interface CertificateAndKey {
  cert: string;
  key: string;
}

/** A throwaway CA with one server certificate (for 127.0.0.1/localhost) and one client certificate. */
export interface TestPki {
  ca: CertificateAndKey;
  server: CertificateAndKey;
  client: CertificateAndKey;
}

/** Our own minimal openssl config, so the machine's `openssl.cnf` cannot change the result. */
const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = Tideline Sandbox
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
[v3_client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
`;

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
}

async function leaf(dir: string, name: string, extensions: string): Promise<CertificateAndKey> {
  const subject = `/CN=tideline-sandbox-${name}`;
  await openssl(
    [
      'req',
      '-new',
      '-config',
      'openssl.cnf',
      ...EC_KEY,
      '-subj',
      subject,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    ],
    dir,
  );
  const serial = `0x${randomBytes(8).toString('hex')}`;
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      serial,
      '-days',
      '7',
      '-extfile',
      'openssl.cnf',
      '-extensions',
      extensions,
      '-out',
      `${name}.crt`,
    ],
    dir,
  );
  return {
    cert: await readFile(join(dir, `${name}.crt`), 'utf8'),
    key: await readFile(join(dir, `${name}.key`), 'utf8'),
  };
}

/**
 * Generates a CA, a server certificate for `127.0.0.1`/`localhost` and a client certificate
 * (EC P-256, valid 7 days) with the `openssl` CLI (argv, no shell) into `dir` (created 0700).
 */
export async function generateTestPki(dir: string): Promise<TestPki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, 'openssl.cnf'), OPENSSL_CONFIG);
  await openssl(
    [
      'req',
      '-x509',
      '-config',
      'openssl.cnf',
      '-extensions',
      'v3_ca',
      ...EC_KEY,
      '-subj',
      '/CN=Tideline Sandbox CA',
      '-days',
      '7',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
    ],
    dir,
  );
  const ca = {
    cert: await readFile(join(dir, 'ca.crt'), 'utf8'),
    key: await readFile(join(dir, 'ca.key'), 'utf8'),
  };
  return {
    ca,
    server: await leaf(dir, 'server', 'v3_server'),
    client: await leaf(dir, 'client', 'v3_client'),
  };
}

/**
 * Issues another server certificate for `127.0.0.1`/`localhost` from the CA {@link generateTestPki}
 * left in `dir`, with subject `CN=tideline-sandbox-<name>` and a fresh random serial (a rotation).
 */
export function issueTestServerCertificate(dir: string, name: string): Promise<CertificateAndKey> {
  return leaf(dir, name, 'v3_server');
}
