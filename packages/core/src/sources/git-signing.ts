import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../render/subprocess.js';
import type { GitConfigEntry } from './git-config-env.js';
import { askpassScript } from './ssh-client-files.js';
import { isEncryptedPrivateKey } from './ssh-key-format.js';

/** The key a commit is signed with, from the automation's signing Secret. */
export type SigningKeyMaterial =
  | { type: 'gpg'; armored: string; passphrase?: string }
  | { type: 'ssh'; identity: string; password?: string };

/** The key cannot be used; the message is image-automation-controller's (no key material in it). */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/** git settings that make `git commit -S` sign with the key; `dispose` removes keys and stops gpg's agent. */
export interface CommitSigner {
  config: readonly GitConfigEntry[];
  env: Readonly<Record<string, string>>;
  secrets: readonly string[];
  dispose(): Promise<void>;
}

/** Binaries and limits of the signers. */
export interface SignerOptions {
  gpgBin?: string;
  gpgconfBin?: string;
  sshKeygenBin?: string;
  /** Node binary for the wrapper programs git starts; the running one by default. */
  nodePath?: string;
  timeoutMs?: number;
}

const baseEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' });

async function writePrivate(path: string, content: string, mode = 0o600): Promise<string> {
  await writeFile(path, content, { mode, flag: 'wx' });
  await chmod(path, mode);
  return path;
}

/** The gpg program git runs: gpg with our home, batch mode and the passphrase from a file (argv, no shell). */
function gpgWrapper(
  nodePath: string,
  gpgBin: string,
  home: string,
  passphraseFile: string | undefined,
): string {
  const extra = ['--homedir', home, '--batch', '--no-tty', '--pinentry-mode', 'loopback'];
  if (passphraseFile) extra.push('--passphrase-file', passphraseFile);
  return [
    `#!${nodePath}`,
    "'use strict';",
    "const { spawn } = require('node:child_process');",
    `const child = spawn(${JSON.stringify(gpgBin)}, [...${JSON.stringify(extra)}, ...process.argv.slice(2)], { stdio: 'inherit', shell: false });`,
    "child.on('error', (error) => { process.stderr.write(`gpg: ${error.message}\\n`); process.exit(2); });",
    "child.on('exit', (code, signal) => process.exit(code ?? (signal ? 2 : 0)));",
    '',
  ].join('\n');
}

async function gpgSigner(
  dir: string,
  key: Extract<SigningKeyMaterial, { type: 'gpg' }>,
  secret: string,
  options: SignerOptions,
): Promise<Omit<CommitSigner, 'dispose'>> {
  const gpgBin = options.gpgBin ?? 'gpg';
  const home = join(dir, 'gnupg');
  const run = (args: string[], input?: string) =>
    runProcess(gpgBin, ['--homedir', home, '--batch', '--no-tty', ...args], {
      env: baseEnv(),
      timeoutMs: options.timeoutMs ?? 30_000,
      input,
    });
  await mkdir(home, { mode: 0o700 });
  const imported = await run(['--status-fd', '1', '--import'], key.armored);
  if (!/^\[GNUPG:\] IMPORT_OK /m.test(imported.stdout))
    throw new SigningKeyError(
      `could not read signing key from secret '${secret}': ${lastLine(imported.stderr) || 'openpgp: invalid data'}`,
    );
  const listed = await run(['--with-colons', '--list-secret-keys']);
  const fingerprints = fingerprintsOfSecretKeys(listed.stdout);
  if (fingerprints.length === 0)
    throw new SigningKeyError(`could not read signing key from secret '${secret}': no private key found`);
  if (fingerprints.length > 1)
    throw new SigningKeyError(
      `multiple entities read from secret '${secret}', could not determine which signing key to use`,
    );
  const passphraseFile =
    key.passphrase !== undefined ? await writePrivate(join(dir, 'passphrase'), key.passphrase) : undefined;
  const probe = await run(
    [
      '--pinentry-mode',
      'loopback',
      ...(passphraseFile ? ['--passphrase-file', passphraseFile] : ['--passphrase', '']),
      '--detach-sign',
      '--armor',
      '-u',
      fingerprints[0]!,
    ],
    'probe',
  );
  if (probe.code !== 0) {
    if (!passphraseFile)
      throw new SigningKeyError(
        `can not use passphrase protected signing key without 'passphrase' field present in secret ${secret}`,
      );
    throw new SigningKeyError(
      `could not decrypt private key of the signing key present in secret ${secret}: ${lastLine(probe.stderr)}`,
    );
  }
  const program = await writePrivate(
    join(dir, 'gpg.cjs'),
    gpgWrapper(options.nodePath ?? process.execPath, gpgBin, home, passphraseFile),
    0o700,
  );
  return {
    config: [
      ['gpg.format', 'openpgp'],
      ['gpg.program', program],
      ['user.signingkey', fingerprints[0]!],
    ],
    env: {},
    secrets: key.passphrase && key.passphrase.length >= 3 ? [key.passphrase] : [],
  };
}

async function sshSigner(
  dir: string,
  key: Extract<SigningKeyMaterial, { type: 'ssh' }>,
  secret: string,
  options: SignerOptions,
): Promise<Omit<CommitSigner, 'dispose'>> {
  const identity = await writePrivate(
    join(dir, 'signing-key'),
    key.identity.endsWith('\n') ? key.identity : `${key.identity}\n`,
  );
  const env: Record<string, string> = {};
  if (key.password !== undefined) {
    const passphrase = await writePrivate(join(dir, 'password'), key.password);
    env.SSH_ASKPASS = await writePrivate(
      join(dir, 'askpass.cjs'),
      askpassScript(options.nodePath ?? process.execPath, passphrase),
      0o700,
    );
    env.SSH_ASKPASS_REQUIRE = 'force';
    env.DISPLAY = 'none';
  }
  const keygen = options.sshKeygenBin ?? 'ssh-keygen';
  const loaded = await runProcess(keygen, ['-y', '-f', identity], {
    env: {
      ...baseEnv(),
      SSH_ASKPASS: env.SSH_ASKPASS ?? '/bin/false',
      SSH_ASKPASS_REQUIRE: 'force',
      DISPLAY: 'none',
    },
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  if (loaded.code !== 0) {
    const encrypted = isEncryptedPrivateKey(key.identity);
    if (encrypted && key.password === undefined)
      throw new SigningKeyError(
        `can not use passphrase protected signing key without 'password' field present in secret ${secret}`,
      );
    throw new SigningKeyError(
      `could not parse SSH signing key from secret '${secret}': ${encrypted ? 'x509: decryption password incorrect' : 'ssh: no key found'}`,
    );
  }
  const [algorithm = '', body = ''] = loaded.stdout.trim().split(/\s+/);
  if (algorithm === 'ssh-rsa' && Buffer.from(body, 'base64').length < 270)
    throw new SigningKeyError(
      `could not parse SSH signing key from secret '${secret}': RSA keys shorter than 2048 bits are not supported`,
    );
  if (!/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521))$/.test(algorithm))
    throw new SigningKeyError(
      `could not parse SSH signing key from secret '${secret}': unsupported key type ${algorithm}`,
    );
  return {
    config: [
      ['gpg.format', 'ssh'],
      ['gpg.ssh.program', keygen],
      ['user.signingkey', identity],
    ],
    env,
    secrets: key.password && key.password.length >= 3 ? [key.password] : [],
  };
}

/** The fingerprints of the secret keys gpg lists (`--with-colons`: a `fpr` line after each `sec`). Pure. */
export function fingerprintsOfSecretKeys(colons: string): string[] {
  const lines = colons.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('sec:')) return;
    const fpr = lines.slice(i + 1).find((l) => l.startsWith('fpr:'));
    const value = fpr?.split(':')[9];
    if (value) out.push(value);
  });
  return out;
}

const lastLine = (text: string): string => text.trim().split('\n').pop()?.trim() ?? '';

/**
 * Prepares signing for one automation run, as image-automation-controller's `resolveSigner`:
 * an OpenPGP key (`git.asc`, optional `passphrase`) imported into a private GnuPG home, or an
 * SSH key (`identity`, optional `password`, ed25519/ECDSA/RSA ≥ 2048) for `gpg.format=ssh`. The
 * key is checked before anything is cloned, so a bad key fails with Flux's words. Key material
 * lives in a 0700 directory under the system temp dir, never on argv or in the environment.
 */
export async function prepareCommitSigner(
  key: SigningKeyMaterial,
  secret: string,
  options: SignerOptions = {},
): Promise<CommitSigner> {
  // Short path: gpg-agent puts its socket in the home, and socket paths are limited to ~100 bytes.
  const dir = await mkdtemp(join(tmpdir(), 'tl-sign-'));
  await chmod(dir, 0o700);
  const dispose = async (): Promise<void> => {
    if (key.type === 'gpg')
      await runProcess(options.gpgconfBin ?? 'gpgconf', ['--homedir', join(dir, 'gnupg'), '--kill', 'all'], {
        timeoutMs: 10_000,
        env: baseEnv(),
      }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const settings =
      key.type === 'gpg'
        ? await gpgSigner(dir, key, secret, options)
        : await sshSigner(dir, key, secret, options);
    return { ...settings, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
