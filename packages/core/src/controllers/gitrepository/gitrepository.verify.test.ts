import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  startClusterFixture,
  ready,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';

const run = promisify(execFile);

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}
type GitRepo = KubeObject & {
  status?: {
    artifact?: { revision: string; digest: string };
    sourceVerificationMode?: string;
    observedGeneration?: number;
    conditions?: Condition[];
  };
};

let fx: ClusterFixture;
let repo: GitWorkTree;
let url: string;
/** The signer's GNUPGHOME: git signs with it (through this process's environment). */
let gnupgHome: string;
const keys: Record<'signer' | 'stranger', { fpr: string; id: string; armored: string }> = {} as never;
let signed: string;
let sshSigned: string;
const sshKeys: Record<'signer' | 'stranger', { file: string; pub: string; fingerprint: string }> =
  {} as never;
let tagObject: string;
let unsignedTagObject: string;

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});
const sourceVerified = (o: GitRepo) => o.status?.conditions?.find((c) => c.type === 'SourceVerified');

async function gpg(...args: string[]): Promise<string> {
  const { stdout } = await run('gpg', ['--batch', '--homedir', gnupgHome, ...args], { encoding: 'utf8' });
  return stdout;
}

async function makeKey(name: 'signer' | 'stranger'): Promise<void> {
  const email = `${name}@tideline.local`;
  await gpg('--passphrase', '', '--quick-gen-key', `Tideline ${name} <${email}>`, 'ed25519', 'sign', 'never');
  const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(await gpg('--with-colons', '--list-keys', email))?.[1] ?? '';
  keys[name] = { fpr, id: fpr.slice(-16), armored: await gpg('--armor', '--export', email) };
}

async function makeSshKey(name: 'signer' | 'stranger'): Promise<void> {
  const file = join(gnupgHome, `ssh-${name}`);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@tideline.local`, '-f', file]);
  const { stdout } = await run('ssh-keygen', ['-l', '-f', `${file}.pub`], { encoding: 'utf8' });
  sshKeys[name] = { file, pub: readFileSync(`${file}.pub`, 'utf8'), fingerprint: stdout.split(' ')[1] ?? '' };
}

async function keySecret(name: string, data: Record<string, string>): Promise<void> {
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, stringData: data },
    { fieldManager: 'test' },
  );
}

async function apply(
  name: string,
  gitRef: Record<string, string>,
  verify: Record<string, unknown>,
): Promise<GitRepo> {
  const applied = await fx.resources.apply<GitRepo>(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name, namespace: 'default' },
      spec: { url, interval: '10m', ref: gitRef, verify },
    },
    { fieldManager: 'test' },
  );
  const generation = applied.metadata.generation ?? 1;
  return waitForObject<GitRepo>(
    fx.resources,
    ref(name),
    (o) =>
      o.metadata.generation === generation && (ready(o)?.status === 'True' || ready(o)?.status === 'False'),
  );
}

beforeAll(async () => {
  fx = await startClusterFixture();
  gnupgHome = mkdtempSync(join(tmpdir(), 'tideline-gnupg-'));
  chmodSync(gnupgHome, 0o700);
  process.env.GNUPGHOME = gnupgHome;
  await makeKey('signer');
  await makeKey('stranger');
  await keySecret('signer-key', { 'signer.asc': keys.signer.armored });
  await keySecret('stranger-key', { 'stranger.asc': keys.stranger.armored });
  await makeSshKey('signer');
  await makeSshKey('stranger');
  await keySecret('ssh-signer-key', { 'signer.sshpub': sshKeys.signer.pub });
  await keySecret('ssh-stranger-key', {
    'stranger.sshpub': sshKeys.stranger.pub,
    'other.asc': keys.signer.armored,
  });
  url = await fx.sandbox.createGitRepository('verify');
  repo = new GitWorkTree(url);
  await repo.commit({ 'app.yaml': 'v: 0\n' }, 'unsigned start');
  writeFileSync(join(repo.dir, 'app.yaml'), 'v: 1\n');
  await repo.git('add', '-A');
  await repo.git('-c', `user.signingkey=${keys.signer.fpr}`, 'commit', '-S', '-q', '-m', 'signed release');
  signed = await repo.git('rev-parse', 'HEAD');
  await repo.git('-c', `user.signingkey=${keys.signer.fpr}`, 'tag', '-s', 'v1.0.0', '-m', 'signed tag');
  await repo.git('tag', '-a', 'v0.9.0', '-m', 'annotated, unsigned');
  await repo.git('push', '-q', 'origin', 'main', '--tags');
  tagObject = await repo.git('rev-parse', 'v1.0.0');
  // An SSH-signed commit on its own branch (git signs with ssh-keygen, namespace "git").
  await repo.git('checkout', '-q', '-b', 'ssh');
  writeFileSync(join(repo.dir, 'app.yaml'), 'v: ssh\n');
  await repo.git('add', '-A');
  await repo.git(
    '-c',
    'gpg.format=ssh',
    '-c',
    `user.signingkey=${sshKeys.signer.file}`,
    'commit',
    '-S',
    '-q',
    '-m',
    'ssh signed',
  );
  sshSigned = await repo.git('rev-parse', 'HEAD');
  await repo.git('push', '-q', 'origin', 'ssh');
  await repo.git('checkout', '-q', 'main');
  unsignedTagObject = await repo.git('rev-parse', 'v0.9.0');
});

afterAll(async () => {
  if (gnupgHome) {
    await run('gpgconf', ['--homedir', gnupgHome, '--kill', 'all']).catch(() => undefined);
    rmSync(gnupgHome, { recursive: true, force: true });
  }
  delete process.env.GNUPGHOME;
  repo?.remove();
  await fx?.stop();
});

describe('GitRepository spec.verify', () => {
  it('verifies a signed HEAD commit', async () => {
    const obj = await apply('head', { branch: 'main' }, { mode: 'HEAD', secretRef: { name: 'signer-key' } });
    const message = `verified signature of\n\t- commit '${signed}' with key '${keys.signer.id}'`;
    expect(sourceVerified(obj)).toMatchObject({ status: 'True', reason: 'Succeeded', message });
    expect(ready(obj)).toMatchObject({
      status: 'True',
      message: `stored artifact for revision 'main@sha1:${signed}'`,
    });
    expect(obj.status?.sourceVerificationMode).toBe('HEAD');
  });

  it.each([
    ['Tag', () => `verified signature of\n\t- tag 'v1.0.0@${tagObject}' with key '${keys.signer.id}'`],
    [
      'TagAndHEAD',
      () =>
        `verified signature of\n\t- tag 'v1.0.0@${tagObject}' with key '${keys.signer.id}'\n\t- commit '${signed}' with key '${keys.signer.id}'`,
    ],
  ])('verifies a signed tag in mode %s', async (mode, message) => {
    const obj = await apply(
      `tag-${mode.toLowerCase()}`,
      { tag: 'v1.0.0' },
      { mode, secretRef: { name: 'signer-key' } },
    );
    expect(sourceVerified(obj)).toMatchObject({ status: 'True', reason: 'Succeeded', message: message() });
    expect(ready(obj)?.status).toBe('True');
    expect(obj.status?.sourceVerificationMode).toBe(mode);
  });

  it.each([
    [
      'a key that did not sign',
      'stranger',
      { branch: 'main' },
      'HEAD',
      'InvalidCommitSignature',
      () =>
        `signature verification of commit '${signed}' failed: unable to verify Git commit: unable to verify payload with any of the given key rings: no matching key`,
    ],
    [
      'an unsigned annotated tag',
      'signer',
      { tag: 'v0.9.0' },
      'Tag',
      'InvalidGitObject',
      () => `cannot verify signature of tag 'v0.9.0@${unsignedTagObject}' since it is not signed`,
    ],
    [
      'a tag signed by another key',
      'stranger',
      { tag: 'v1.0.0' },
      'Tag',
      'InvalidTagSignature',
      () =>
        `signature verification of tag 'v1.0.0@${tagObject}' failed: unable to verify Git tag: unable to verify payload with any of the given key rings: no matching key`,
    ],
    [
      'a missing key Secret',
      'nope',
      { branch: 'main' },
      'HEAD',
      'VerificationError',
      () => 'public keys secret error: secrets "nope-key" not found',
    ],
  ])('refuses %s: no artifact', async (_title, who, gitRef, mode, reason, message) => {
    const name = `refuse-${reason.toLowerCase()}`;
    const obj = await apply(name, gitRef, { mode, secretRef: { name: `${who}-key` } });
    expect(sourceVerified(obj)).toMatchObject({ status: 'False', reason, message: message() });
    expect(ready(obj)).toMatchObject({ status: 'False', reason, message: message() });
    expect(obj.status?.artifact).toBeUndefined();
    const events = await fx.resources.list<
      KubeObject & { reason: string; type: string; involvedObject: { name: string } }
    >('v1', 'Event', { namespace: 'default' });
    expect(
      events.items.some((e) => e.involvedObject.name === name && e.type === 'Warning' && e.reason === reason),
    ).toBe(true);
  });

  it('verifies an SSH-signed commit against .sshpub keys', async () => {
    const obj = await apply(
      'ssh',
      { branch: 'ssh' },
      { mode: 'HEAD', secretRef: { name: 'ssh-signer-key' } },
    );
    const message = `verified signature of\n\t- commit '${sshSigned}' with key '${sshKeys.signer.fingerprint}'`;
    expect(sourceVerified(obj)).toMatchObject({ status: 'True', reason: 'Succeeded', message });
    expect(ready(obj)?.status).toBe('True');
  });

  it.each([
    [
      'another SSH key',
      'ssh-stranger-key',
      'unable to verify Git commit SSH signature: unable to verify payload with any of the given authorized keys: no matching key\npublic key does not match',
    ],
    [
      'PGP keys only',
      'signer-key',
      'SSH signature detected but no SSH public keys found in secret (keys with .sshpub suffix)',
    ],
  ])('refuses an SSH signature checked against %s', async (_title, secret, cause) => {
    const obj = await apply(
      `ssh-${secret}`,
      { branch: 'ssh' },
      { mode: 'HEAD', secretRef: { name: secret } },
    );
    const message = `signature verification of commit '${sshSigned}' failed: ${cause}`;
    expect(sourceVerified(obj)).toMatchObject({ status: 'False', reason: 'InvalidCommitSignature', message });
    expect(obj.status?.artifact).toBeUndefined();
  });

  it('stalls on a tag mode without a tag reference', async () => {
    const obj = await apply(
      'tag-on-branch',
      { branch: 'main' },
      { mode: 'Tag', secretRef: { name: 'signer-key' } },
    );
    const message = "cannot verify tag object's signature if a tag reference is not specified";
    expect(obj.status?.conditions?.find((c) => c.type === 'Stalled')).toMatchObject({
      status: 'True',
      reason: 'InvalidVerificationMode',
      message,
    });
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'InvalidVerificationMode' });
    expect(obj.status?.conditions?.find((c) => c.type === 'Reconciling')).toBeUndefined();
  });

  it('refuses an unsigned new commit and keeps serving the verified artifact', async () => {
    const before = await waitForObject<GitRepo>(fx.resources, ref('head'), () => true);
    const unsigned = await repo.commit({ 'app.yaml': 'v: 2\n' }, 'sneaked in, unsigned');
    await fx.resources.mergePatch(ref('head'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'unsigned' } },
    });
    const obj = await waitForObject<GitRepo>(fx.resources, ref('head'), (o) => ready(o)?.status === 'False');
    const message = `signature verification of commit '${unsigned}' failed: unsupported signature type: empty`;
    expect(sourceVerified(obj)).toMatchObject({ status: 'False', reason: 'InvalidCommitSignature', message });
    expect(ready(obj)).toMatchObject({ reason: 'InvalidCommitSignature', message });
    expect(obj.status?.artifact).toEqual(before.status?.artifact);
    expect(
      (
        await fetch(
          `${fx.engine.artifactUrl}/${(obj.status?.artifact as { path?: string } | undefined)?.path ?? ''}`,
        )
      ).status,
    ).toBe(200);
  });
});
