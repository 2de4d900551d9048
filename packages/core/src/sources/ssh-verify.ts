import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from '../render/subprocess.js';
import type { SignedObject } from './git-signature.js';

/** How to run ssh-keygen: the binary, a scratch folder, and a time limit per call. */
export interface SshKeygenOptions {
  sshKeygenBin?: string;
  workDir: string;
  timeoutMs: number;
}

/** The namespace git signs commits and tags in (fluxcd/pkg `SSHSignatureNamespace`). */
const NAMESPACE = 'git';
/** Any principal: allowed signers are matched by key, the identity is ours to choose. */
const PRINCIPAL = 'tideline';

/** The `SHA256:…` fingerprint in ssh-keygen's "Good "git" signature … key SHA256:…" line. Pure. */
export function sshFingerprint(output: string): string | undefined {
  return /key (SHA256:[A-Za-z0-9+/=]+)/.exec(output)?.[1];
}

/** The lines of an authorized_keys text that hold keys (no blanks, no comments). Pure. */
export function authorizedKeyLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function keygen(
  args: string[],
  options: SshKeygenOptions,
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runProcess(options.sshKeygenBin ?? 'ssh-keygen', args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
    timeoutMs: options.timeoutMs,
    input,
  });
}

/** Whether ssh-keygen reads `line` as a public key. */
async function isPublicKey(line: string, dir: string, options: SshKeygenOptions): Promise<boolean> {
  const file = join(dir, 'key.pub');
  await writeFile(file, `${line}\n`);
  return (await keygen(['-l', '-f', file], options)).code === 0;
}

/**
 * fluxcd/pkg `VerifySSHSignature` with `ssh-keygen -Y verify`: each Secret entry is an
 * authorized_keys text; the first whose keys verify the signature (namespace `git`) gives the
 * key's SHA256 fingerprint. Errors are worded as fluxcd/pkg words them.
 */
export async function verifySshSignature(
  signed: SignedObject,
  authorizedKeys: readonly string[],
  options: SshKeygenOptions,
): Promise<string> {
  const dir = await mkdtemp(join(options.workDir, 'sshsig-'));
  try {
    const signature = join(dir, 'signature');
    await writeFile(signature, `${signed.signature.trim()}\n`);
    const payload = signed.payload.toString('utf8');
    let parsed = false;
    for (const entry of authorizedKeys) {
      const lines = authorizedKeyLines(entry);
      let valid = true;
      for (const line of lines) valid = valid && (await isPublicKey(line, dir, options));
      if (!valid) continue;
      parsed = true;
      const signers = join(dir, 'allowed_signers');
      await writeFile(signers, lines.map((l) => `${PRINCIPAL} ${l}\n`).join(''));
      const verified = await keygen(
        ['-Y', 'verify', '-f', signers, '-I', PRINCIPAL, '-n', NAMESPACE, '-s', signature],
        options,
        payload,
      );
      const fingerprint = verified.code === 0 ? sshFingerprint(verified.stdout + verified.stderr) : undefined;
      if (fingerprint) return fingerprint;
    }
    if (!parsed && authorizedKeys.length > 0)
      throw new Error('unable to parse authorized keys: unable to parse authorized key: ssh: no key found');
    // A signature that is sound in itself was made by another key; otherwise it does not verify.
    const sound =
      (await keygen(['-Y', 'check-novalidate', '-n', NAMESPACE, '-s', signature], options, payload)).code ===
      0;
    const cause = sound ? 'public key does not match' : 'ssh: signature did not verify';
    throw new Error(
      `unable to verify payload with any of the given authorized keys: no matching key\n${cause}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
