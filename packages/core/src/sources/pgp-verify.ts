import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from '../render/subprocess.js';
import type { SignedObject } from './git-signature.js';

/** How to run gpg: the binary, a folder for its private homes, and a time limit per call. */
export interface GpgOptions {
  gpgBin?: string;
  workDir: string;
  timeoutMs: number;
}

/** A signature that no key ring could verify, or key rings gpg could not read; worded as fluxcd/pkg words it. */
export class PgpVerificationError extends Error {
  override readonly name = 'PgpVerificationError';
}

/**
 * The primary key ID (16 upper-case hex digits, go-crypto's `KeyIdString`) from gpg's
 * `--status-fd` output, when it reports a good, valid signature; else undefined. Pure.
 */
export function verifiedKeyId(status: string): string | undefined {
  const lines = status.split('\n');
  if (!lines.some((l) => l.startsWith('[GNUPG:] GOODSIG '))) return undefined;
  const valid = lines.find((l) => l.startsWith('[GNUPG:] VALIDSIG '))?.split(' ');
  // VALIDSIG <fpr> <date> <timestamp> <expiry> <version> <reserved> <pk-algo> <hash-algo> <class> <primary-fpr>
  const primary = valid?.[11] ?? valid?.[2];
  return primary && /^[0-9A-F]{40}$/i.test(primary) ? primary.slice(-16).toUpperCase() : undefined;
}

/** Runs gpg with a private home: no agent, no network, no user configuration. */
async function gpg(
  home: string,
  args: string[],
  options: GpgOptions,
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runProcess(
    options.gpgBin ?? 'gpg',
    ['--homedir', home, '--batch', '--no-tty', '--no-autostart', '--no-options', ...args],
    {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
      timeoutMs: options.timeoutMs,
      input,
    },
  );
}

/** Tries one armored key ring; resolves the key ID, 'unreadable', or 'no-match'. */
async function verifyWithKeyRing(
  keyRing: string,
  files: { payload: string; signature: string },
  options: GpgOptions,
): Promise<string> {
  const home = await mkdtemp(join(options.workDir, 'gnupg-'));
  try {
    const imported = await gpg(
      home,
      ['--import-options', 'import-minimal', '--status-fd', '1', '--import'],
      options,
      keyRing,
    );
    if (!/^\[GNUPG:\] IMPORT_OK /m.test(imported.stdout)) return 'unreadable';
    const checked = await gpg(
      home,
      ['--status-fd', '1', '--trust-model', 'always', '--verify', files.signature, files.payload],
      options,
    );
    return verifiedKeyId(checked.stdout) ?? 'no-match';
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * fluxcd/pkg `VerifyPGPSignature` with the `gpg` CLI: each key ring is imported into a fresh,
 * private GNUPGHOME (argv only, nothing of the user's) and checked against the detached
 * signature in turn; the first that verifies gives the signer's primary key ID. Throws
 * {@link PgpVerificationError} with fluxcd/pkg's wording otherwise.
 */
export async function verifyPgpSignature(
  signed: SignedObject,
  keyRings: readonly string[],
  options: GpgOptions,
): Promise<string> {
  const dir = await mkdtemp(join(options.workDir, 'signature-'));
  try {
    const files = { payload: join(dir, 'payload'), signature: join(dir, 'signature.asc') };
    await writeFile(files.payload, signed.payload);
    await writeFile(files.signature, signed.signature.trim() + '\n');
    let readable = false;
    for (const keyRing of keyRings) {
      const outcome = await verifyWithKeyRing(keyRing, files, options);
      if (outcome === 'unreadable') continue;
      readable = true;
      if (outcome !== 'no-match') return outcome;
    }
    if (!readable && keyRings.length > 0)
      throw new PgpVerificationError(
        'unable to read armored key ring: openpgp: invalid argument: no armored data found',
      );
    throw new PgpVerificationError(
      'unable to verify payload with any of the given key rings: no matching key',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
