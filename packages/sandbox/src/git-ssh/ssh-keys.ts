import ssh2 from 'ssh2';

/** An SSH key pair in OpenSSH formats: the private key file and the `authorized_keys` line. */
export interface SshKeyPair {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----…`, encrypted when a passphrase was given. */
  privateKey: string;
  /** `ssh-ed25519 AAAA… comment`. */
  publicKey: string;
}

/**
 * A fresh ed25519 key pair in OpenSSH's own format (what `ssh-keygen` writes), optionally
 * encrypted with bcrypt-pbkdf + aes256-ctr as `ssh-keygen -N` does. No subprocess, so the
 * passphrase never appears in an argv.
 */
export function generateSshKeyPair(comment = 'tideline-sandbox', passphrase?: string): SshKeyPair {
  const options = passphrase ? { comment, passphrase, cipher: 'aes256-ctr', rounds: 16 } : { comment };
  const pair = ssh2.utils.generateKeyPairSync('ed25519', options);
  return { privateKey: pair.private, publicKey: pair.public.trim() };
}

/**
 * The `known_hosts` line for a server's public key at `host:port`; ports other than 22 are
 * written `[host]:port`, as OpenSSH and Flux's knownhosts parser both expect. Pure.
 */
export function knownHostsLine(host: string, port: number, publicKey: string): string {
  const [type, data] = publicKey.trim().split(/\s+/);
  const pattern = port === 22 ? host : `[${host}]:${port}`;
  return `${pattern} ${type ?? ''} ${data ?? ''}`;
}
