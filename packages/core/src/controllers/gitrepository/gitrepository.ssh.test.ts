import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateSshKeyPair, startGitSshServer, waitFor, type GitSshServer } from '../../testing/sandbox.js';
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

type Condition = { type: string; status: string; reason: string; message: string };
type GitRepo = KubeObject & {
  spec?: unknown;
  status?: { artifact?: { revision: string }; conditions?: Condition[] };
};

const PASSPHRASE = 'key-Pass-Phrase-41b7';
const deployKey = generateSshKeyPair('deploy');
const encryptedKey = generateSshKeyPair('deploy-encrypted', PASSPHRASE);
const strangerKey = generateSshKeyPair('stranger');

let fx: ClusterFixture;
let ssh: GitSshServer;
let impostor: GitSshServer;
let sshUrl: string;
let sha: string;
let tree: GitWorkTree;

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});
const settled = (o: GitRepo): boolean => ready(o)?.status === 'True' || ready(o)?.status === 'False';

async function secret(name: string, data: Record<string, string>): Promise<void> {
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data: encoded },
    { fieldManager: 'test' },
  );
}

async function gitRepository(name: string, url: string, secretName?: string): Promise<GitRepo> {
  const spec = {
    url,
    interval: '10m',
    timeout: '20s',
    ref: { branch: 'main' },
    ...(secretName ? { secretRef: { name: secretName } } : {}),
  };
  await fx.resources.apply(
    { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', metadata: { name, namespace: 'default' }, spec },
    { fieldManager: 'test' },
  );
  return waitForObject<GitRepo>(fx.resources, ref(name), settled);
}

beforeAll(async () => {
  fx = await startClusterFixture();
  // The SSH endpoint serves the same repositories as the sandbox's HTTP Git server.
  const root = join(fx.sandbox.dir, 'git');
  ssh = await startGitSshServer({ root, authorizedKeys: [deployKey.publicKey, encryptedKey.publicKey] });
  impostor = await startGitSshServer({ root, authorizedKeys: [deployKey.publicKey] });
  tree = new GitWorkTree(await fx.sandbox.createGitRepository('over-ssh'));
  sha = await tree.commit({ 'app.yaml': 'ssh: true\n' }, 'commit fetched over ssh');
  sshUrl = `${ssh.url}/over-ssh.git`;
});

afterAll(async () => {
  tree?.remove();
  await ssh?.stop();
  await impostor?.stop();
  await fx?.stop();
});

describe('GitRepository over SSH', () => {
  it('clones with the identity and known_hosts from the Secret', async () => {
    await secret('ssh-good', {
      identity: deployKey.privateKey,
      'identity.pub': deployKey.publicKey,
      known_hosts: ssh.knownHosts,
    });
    const obj = await gitRepository('ssh-good', sshUrl, 'ssh-good');
    expect(ready(obj)).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
      message: `stored artifact for revision 'main@sha1:${sha}'`,
    });
  });

  it('keeps the last artifact when the host key stops matching, and recovers', async () => {
    await secret('ssh-good', { identity: deployKey.privateKey, known_hosts: impostor.knownHosts });
    await fx.resources.mergePatch(ref('ssh-good'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'rotated-host-key' } },
    });
    const failing = await waitForObject<GitRepo>(
      fx.resources,
      ref('ssh-good'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(failing)?.message).toContain('knownhosts: key is unknown');
    expect(failing.status?.artifact?.revision).toBe(`main@sha1:${sha}`);
    await secret('ssh-good', { identity: deployKey.privateKey, known_hosts: ssh.knownHosts });
    await fx.resources.mergePatch(ref('ssh-good'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'fixed-host-key' } },
    });
    const recovered = await waitForObject<GitRepo>(
      fx.resources,
      ref('ssh-good'),
      (o) => ready(o)?.status === 'True',
    );
    expect(recovered.status?.conditions?.some((c) => c.type === 'FetchFailed')).toBe(false);
  });

  it('clones from the sandbox’s own SSH endpoint with its deploy key', async () => {
    const { url, knownHosts, deployKey: key } = fx.sandbox.gitSsh;
    await secret('ssh-sandbox', {
      identity: key.privateKey,
      'identity.pub': key.publicKey,
      known_hosts: knownHosts,
    });
    const obj = await gitRepository('ssh-sandbox', `${url}/over-ssh.git`, 'ssh-sandbox');
    expect(ready(obj)).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
      message: `stored artifact for revision 'main@sha1:${sha}'`,
    });
  });

  it('decrypts an encrypted identity with the Secret password', async () => {
    await secret('ssh-encrypted', {
      identity: encryptedKey.privateKey,
      known_hosts: ssh.knownHosts,
      password: PASSPHRASE,
    });
    const obj = await gitRepository('ssh-encrypted', sshUrl, 'ssh-encrypted');
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(obj.status?.artifact?.revision).toBe(`main@sha1:${sha}`);
  });

  it('refuses an encrypted identity without a password, before connecting', async () => {
    await secret('ssh-nopass', { identity: encryptedKey.privateKey, known_hosts: ssh.knownHosts });
    const obj = await gitRepository('ssh-nopass', sshUrl, 'ssh-nopass');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
      message:
        "SSH identity key is encrypted but no 'password' field was provided in the secret 'default/ssh-nopass'",
    });
  });

  it('reports a wrong password as an unusable key', async () => {
    await secret('ssh-badpass', {
      identity: encryptedKey.privateKey,
      known_hosts: ssh.knownHosts,
      password: 'not-the-pass-phrase',
    });
    const obj = await gitRepository('ssh-badpass', sshUrl, 'ssh-badpass');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message:
        'failed to checkout and determine revision: unable to construct auth method with options: x509: decryption password incorrect',
    });
  });

  it('refuses a server whose host key does not match known_hosts', async () => {
    // The impostor listens on another port; pinning the real server's key to that port is a mismatch.
    const forged = ssh.knownHosts.replace(`:${ssh.port} `, `:${impostor.port} `);
    await secret('ssh-mismatch', { identity: deployKey.privateKey, known_hosts: forged });
    const url = `${impostor.url}/over-ssh.git`;
    const obj = await gitRepository('ssh-mismatch', url, 'ssh-mismatch');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message: `failed to checkout and determine revision: unable to clone '${url}': ssh: handshake failed: knownhosts: key mismatch`,
    });
  });

  it('refuses a server that known_hosts does not list', async () => {
    await secret('ssh-unknown', { identity: deployKey.privateKey, known_hosts: impostor.knownHosts });
    const obj = await gitRepository('ssh-unknown', sshUrl, 'ssh-unknown');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message: `failed to checkout and determine revision: unable to clone '${sshUrl}': ssh: handshake failed: knownhosts: key is unknown`,
    });
  });

  it('fails with a key the server does not accept', async () => {
    await secret('ssh-stranger', { identity: strangerKey.privateKey, known_hosts: ssh.knownHosts });
    const obj = await gitRepository('ssh-stranger', sshUrl, 'ssh-stranger');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message: `failed to checkout and determine revision: unable to clone '${sshUrl}': ssh: handshake failed: ssh: unable to authenticate, attempted methods [none publickey], no supported methods remain`,
    });
  });

  it('requires identity and known_hosts, in Flux words', async () => {
    const none = await gitRepository('ssh-nosecret', sshUrl);
    expect(ready(none)).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
      message:
        "failed to configure authentication options: invalid 'ssh' auth option: 'identity' is required",
    });
    await secret('ssh-nohosts', { identity: deployKey.privateKey });
    const noHosts = await gitRepository('ssh-nohosts', sshUrl, 'ssh-nohosts');
    expect(ready(noHosts)).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
      message:
        "failed to configure authentication options: invalid 'ssh' auth option: 'known_hosts' is required",
    });
    expect(noHosts.status?.conditions?.find((c) => c.type === 'FetchFailed')).toMatchObject({
      status: 'True',
      reason: 'AuthenticationFailed',
    });
  });

  it('rejects scp-like URLs as Flux does (the CRD pattern refuses them)', async () => {
    const spec = { url: 'git@127.0.0.1:over-ssh.git', interval: '10m', secretRef: { name: 'ssh-good' } };
    const applied = fx.resources.apply(
      {
        apiVersion: SOURCE_API_VERSION,
        kind: 'GitRepository',
        metadata: { name: 'ssh-scp', namespace: 'default' },
        spec,
      },
      { fieldManager: 'test' },
    );
    await expect(applied).rejects.toThrow(/spec\.url in body should match '\^\(http\|https\|ssh\)/);
  });

  it('reports a malformed identity as an unusable key', async () => {
    await secret('ssh-garbage', { identity: 'not a private key', known_hosts: ssh.knownHosts });
    const obj = await gitRepository('ssh-garbage', sshUrl, 'ssh-garbage');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message:
        'failed to checkout and determine revision: unable to construct auth method with options: ssh: no key found',
    });
  });

  it('keeps keys and passphrases out of status and events, and leaves no key files behind', async () => {
    const repos = await fx.resources.list(SOURCE_API_VERSION, 'GitRepository', { namespace: 'default' });
    const events = await fx.resources.list('v1', 'Event', { namespace: 'default' });
    const text = JSON.stringify({
      repos: repos.items.map((r) => (r as GitRepo).status),
      events: events.items,
    });
    expect(events.items.length).toBeGreaterThan(5);
    for (const value of [
      PASSPHRASE,
      'not-the-pass-phrase',
      deployKey.privateKey.split('\n')[1] ?? '',
      encryptedKey.privateKey.split('\n')[1] ?? '',
    ]) {
      expect(text).not.toContain(value);
    }
    // Once every GitRepository is gone no reconcile is running: none may have left its key files.
    for (const r of repos.items) await fx.resources.delete(ref(r.metadata.name));
    await waitFor(
      async () =>
        (await fx.resources.list(SOURCE_API_VERSION, 'GitRepository', { namespace: 'default' })).items
          .length === 0,
      {
        timeoutMs: 30_000,
        what: 'every GitRepository to be deleted',
      },
    );
    const leftovers = readdirSync(join(fx.sandbox.dir, 'engine', 'tmp')).filter((f) =>
      f.startsWith('git-transport-'),
    );
    expect(leftovers).toEqual([]);
  });
});
