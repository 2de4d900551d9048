/**
 * OpenSSH's and curl's complaints, reworded as source-controller (go-git, Go's crypto/ssh and
 * crypto/tls) words the same failure, so conditions read as they do under Flux.
 */

/** A recognised transport failure; `authMethod` ones happen before any connection in Flux. */
export interface TransportFailure {
  message: string;
  /** Flux reports these as `unable to construct auth method with options: …` (no clone prefix). */
  authMethod?: boolean;
}

const infoRefs = (url: string): string =>
  `Get "${url.replace(/\/+$/, '')}/info/refs?service=git-upload-pack"`;

/** Recognises ssh's stderr, or undefined. Pure. */
export function sshFailure(stderr: string): TransportFailure | undefined {
  if (/Load key "[^"]*": (incorrect passphrase|bad passphrase)/.test(stderr))
    return { message: 'x509: decryption password incorrect', authMethod: true };
  if (/Load key "[^"]*": (invalid format|error in libcrypto)/.test(stderr))
    return { message: 'ssh: no key found', authMethod: true };
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(stderr))
    return { message: 'ssh: handshake failed: knownhosts: key mismatch' };
  if (/Host key verification failed/.test(stderr))
    return { message: 'ssh: handshake failed: knownhosts: key is unknown' };
  if (/Permission denied \(publickey/.test(stderr)) {
    return {
      message:
        'ssh: handshake failed: ssh: unable to authenticate, attempted methods [none publickey], no supported methods remain',
    };
  }
  const refused = /connect to host (\S+) port (\d+): Connection refused/.exec(stderr);
  if (refused)
    return { message: `dial tcp ${refused[1] ?? ''}:${refused[2] ?? ''}: connect: connection refused` };
  return undefined;
}

/**
 * Recognises curl's TLS errors as git prints them (Debian's git uses curl with GnuTLS; the
 * OpenSSL wordings are kept for other builds), or undefined. GnuTLS does not say why a
 * certificate failed or which alert arrived, so those keep its words after Go's prefix. Pure.
 */
export function tlsFailure(stderr: string, url: string): TransportFailure | undefined {
  if (
    /SSL certificate problem: (unable to get local issuer certificate|self[- ]signed certificate)/.test(
      stderr,
    )
  ) {
    return {
      message: `${infoRefs(url)}: tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    };
  }
  if (/server certificate verification failed/.test(stderr)) {
    return {
      message: `${infoRefs(url)}: tls: failed to verify certificate: server certificate verification failed`,
    };
  }
  if (/alert certificate required/i.test(stderr))
    return { message: `${infoRefs(url)}: remote error: tls: certificate required` };
  if (/TLS fatal alert has been received/.test(stderr))
    return { message: `${infoRefs(url)}: remote error: tls: fatal alert received` };
  return undefined;
}
