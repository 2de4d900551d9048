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
  // ssh2 drops a leading zero byte of the ed25519 public key about once in 200 keys, writing a
  // file neither it nor OpenSSH can read back; such a pair is thrown away and drawn again.
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', options);
    if (!(ssh2.utils.parseKey(pair.private, passphrase) instanceof Error))
      return { privateKey: pair.private, publicKey: pair.public.trim() };
  }
  throw new Error('could not generate a readable ed25519 key pair');
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
