import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../subprocess.js';
import { SopsError } from './errors.js';

/** Each gpg call is bounded: a hung agent must not hold the reconcile. */
const GPG_TIMEOUT_MS = 30_000;
/** A data key is 32 bytes; anything far bigger is not one. */
const MAX_GPG_OUTPUT = 64 * 1024;

/** Options of a {@link GnuPGHome}. */
export interface GnuPGOptions {
  gpgBin?: string;
  gpgconfBin?: string;
  timeoutMs?: number;
}

/**
 * A throw-away GnuPG home for one reconcile (sops's `GnuPGHome` as kustomize-controller uses it):
 * private keys go in on stdin, encrypted data keys come out of `gpg -d`, argv arrays only, never
 * the key material on argv or in the environment. `dispose()` stops its agent and deletes it.
 */
export class GnuPGHome {
  private constructor(
    readonly dir: string,
    private readonly options: Required<GnuPGOptions>,
  ) {}

  /** A new, empty home (0700) under the system temp dir (short path: gpg-agent's socket lives there). */
  static async create(options: GnuPGOptions = {}): Promise<GnuPGHome> {
    const dir = await mkdtemp(join(tmpdir(), 'tl-gpg-'));
    return new GnuPGHome(dir, {
      gpgBin: options.gpgBin ?? 'gpg',
      gpgconfBin: options.gpgconfBin ?? 'gpgconf',
      timeoutMs: options.timeoutMs ?? GPG_TIMEOUT_MS,
    });
  }

  private run(args: string[], input: string): ReturnType<typeof runProcess> {
    return runProcess(this.options.gpgBin, ['--homedir', this.dir, '--batch', '--no-tty', ...args], {
      input,
      timeoutMs: this.options.timeoutMs,
      maxStdoutBytes: MAX_GPG_OUTPUT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C' },
    });
  }

  /** sops's `GnuPGHome.Import`: armored key data into the keyring. */
  async import(armoredKey: string): Promise<void> {
    let res;
    try {
      res = await this.run(['--import'], armoredKey);
    } catch (error) {
      throw new SopsError(
        `failed to import armored key data into GnuPG keyring: ${(error as Error).message}`,
      );
    }
    if (res.code !== 0)
      throw new SopsError(
        `failed to import armored key data into GnuPG keyring (exit status ${res.code}): ${res.stderr.trim()}`,
      );
  }

  /** sops's `decryptWithGnuPG` (Flux disables the OpenPGP library path): the data key. */
  async decrypt(encryptedKey: string): Promise<Uint8Array> {
    let res;
    try {
      res = await this.run(['--decrypt'], encryptedKey);
    } catch (error) {
      throw gpgError(`failed to decrypt sops data key with pgp: ${(error as Error).message}`);
    }
    if (res.code !== 0) throw gpgError(`failed to decrypt sops data key with pgp: ${res.stderr.trim()}`);
    if (res.stdoutBytes.length === 0)
      throw gpgError('failed to decrypt sops data key with pgp: zero bytes returned');
    return new Uint8Array(res.stdoutBytes);
  }

  /** Stops the agent gpg started for this home, then deletes the home. */
  async dispose(): Promise<void> {
    await runProcess(this.options.gpgconfBin, ['--homedir', this.dir, '--kill', 'all'], {
      timeoutMs: 10_000,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    }).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** sops's PGP failure wording with Flux's settings (GnuPG only). */
function gpgError(message: string): SopsError {
  return new SopsError(`could not decrypt data key with PGP key: GnuPG binary error: ${message}`);
}
