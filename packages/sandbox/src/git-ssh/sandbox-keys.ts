import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSshKeyPair, type SshKeyPair } from './ssh-keys.js';

/** The sandbox SSH endpoint's keys, kept in its data dir so known_hosts and Secrets survive restarts. */
export interface SandboxSshKeys {
  hostKey: SshKeyPair;
  /** A key pair the endpoint accepts: what a demo GitRepository Secret's `identity` holds. */
  deployKey: SshKeyPair;
}

function ensurePair(dir: string, name: string): SshKeyPair {
  const privatePath = join(dir, name);
  const publicPath = `${privatePath}.pub`;
  if (!existsSync(privatePath) || !existsSync(publicPath)) {
    const pair = generateSshKeyPair(`tideline-sandbox-${name}`);
    writeFileSync(privatePath, pair.privateKey, { mode: 0o600 });
    writeFileSync(publicPath, `${pair.publicKey}\n`, { mode: 0o600 });
  }
  return {
    privateKey: readFileSync(privatePath, 'utf8'),
    publicKey: readFileSync(publicPath, 'utf8').trim(),
  };
}

/** Creates (or reuses) the host key and the deploy key under `<dir>` (0700, files 0600). */
export function ensureSandboxSshKeys(dir: string): SandboxSshKeys {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { hostKey: ensurePair(dir, 'host_key'), deployKey: ensurePair(dir, 'deploy_key') };
}
