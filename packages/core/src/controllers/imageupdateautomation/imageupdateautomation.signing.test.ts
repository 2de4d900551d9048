import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGitRepository, inClone, seedRepository } from '../../testing/automation-fixture.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { applyImageObject, imageObjectRef, pushTags, type ImageObject } from '../../testing/image-fixture.js';

const run = promisify(execFile);
let fx: ClusterFixture;
let keys: string;
let image: string;

/** An OpenPGP key pair made with the real gpg; resolves the armored secret and public keys. */
async function gpgKey(name: string, passphrase?: string): Promise<{ secret: string; public: string }> {
  const home = await mkdtemp(join(tmpdir(), 'tl-gpg-test-'));
  const gpg = (args: string[]) =>
    run(
      'gpg',
      [
        '--homedir',
        home,
        '--batch',
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        passphrase ?? '',
        ...args,
      ],
      { encoding: 'utf8' },
    );
  try {
    await gpg(['--quick-gen-key', `${name} <${name}@example.com>`, 'ed25519', 'sign', 'never']);
    const secret = (await gpg(['--armor', '--export-secret-keys'])).stdout;
    return { secret, public: (await gpg(['--armor', '--export'])).stdout };
  } finally {
    await run('gpgconf', ['--homedir', home, '--kill', 'all']).catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  }
}

/** An SSH key made with ssh-keygen; resolves the private key and the public line. */
async function sshKey(
  type: 'ed25519' | 'rsa-1024',
  password = '',
): Promise<{ identity: string; public: string }> {
  const file = join(keys, `id-${type}-${password.length}`);
  const args = type === 'ed25519' ? ['-t', 'ed25519'] : ['-t', 'rsa', '-b', '1024'];
  await run('ssh-keygen', [...args, '-q', '-N', password, '-C', 'bot', '-f', file]);
  return { identity: await readFile(file, 'utf8'), public: await readFile(`${file}.pub`, 'utf8') };
}

async function secret(name: string, data: Record<string, string>): Promise<void> {
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'default' },
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    },
    { fieldManager: 'test' },
  );
}

/** A repository with a marked manifest and an automation signing with `signingKey`. */
async function signedAutomation(name: string, signingKey: Record<string, unknown>): Promise<string> {
  const repo = await seedRepository(fx, name, {
    'app.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  image: ${image}:1.0.0 # {"$imagepolicy": "default:app"}\n`,
  });
  await applyGitRepository(fx, name, repo.url);
  await applyImageObject(fx.resources, 'ImageUpdateAutomation', name, {
    interval: '1h',
    sourceRef: { kind: 'GitRepository', name },
    git: {
      commit: { author: { name: 'bot', email: 'bot@example.com' }, signingKey },
      push: { branch: 'main' },
    },
  });
  return repo.url;
}

beforeAll(async () => {
  keys = await mkdtemp(join(tmpdir(), 'tl-keys-'));
  fx = await startClusterFixture();
  image = `${fx.sandbox.registryHost}/sign/app`;
  await pushTags(fx.sandbox.registryHost, 'sign/app', ['1.0.0', '1.1.0']);
  await applyImageObject(fx.resources, 'ImageRepository', 'app', { image, interval: '1h', insecure: true });
  await applyImageObject(fx.resources, 'ImagePolicy', 'app', {
    imageRepositoryRef: { name: 'app' },
    policy: { semver: { range: '*' } },
  });
}, 120_000);

afterAll(async () => {
  await fx?.stop();
  await rm(keys, { recursive: true, force: true });
});

const autoRef = (name: string): ReturnType<typeof imageObjectRef> =>
  imageObjectRef('ImageUpdateAutomation', name);

describe('ImageUpdateAutomation commit signing', () => {
  it('signs with an OpenPGP key (with a passphrase) that git verifies', async () => {
    const key = await gpgKey('signer', 'gpg-pass-phrase');
    await secret('gpg-signing', { 'git.asc': key.secret, passphrase: 'gpg-pass-phrase' });
    const url = await signedAutomation('gpg', { secretRef: { name: 'gpg-signing' } });
    await waitForObject<ImageObject>(
      fx.resources,
      autoRef('gpg'),
      (o) => o.status?.lastPushCommit !== undefined,
    );
    const verified = await inClone(url, 'main', async (dir, git) => {
      const home = join(dir, '.gnupg-verify');
      await run('mkdir', ['-m', '0700', home]);
      await writeFile(join(home, 'key.asc'), key.public);
      await run('gpg', ['--homedir', home, '--batch', '--import', join(home, 'key.asc')]);
      const out = await run('git', ['-c', `gpg.program=gpg`, 'verify-commit', '--raw', 'HEAD'], {
        cwd: dir,
        env: { ...process.env, GNUPGHOME: home },
        encoding: 'utf8',
      });
      await run('gpgconf', ['--homedir', home, '--kill', 'all']).catch(() => undefined);
      return out.stderr + (await git('log', '-1', '--format=%G?'));
    });
    expect(verified).toContain('[GNUPG:] GOODSIG');
  });

  it('signs with an SSH key (v1 type ssh) that git verifies', async () => {
    const key = await sshKey('ed25519', 'ssh-pass');
    await secret('ssh-signing', { identity: key.identity, password: 'ssh-pass' });
    const url = await signedAutomation('ssh', { secretRef: { name: 'ssh-signing' }, type: 'ssh' });
    await waitForObject<ImageObject>(
      fx.resources,
      autoRef('ssh'),
      (o) => o.status?.lastPushCommit !== undefined,
    );
    const allowed = join(keys, 'allowed_signers');
    await writeFile(allowed, `bot@example.com ${key.public}`);
    const out = await inClone(url, 'main', (dir) =>
      run(
        'git',
        ['-c', 'gpg.format=ssh', '-c', `gpg.ssh.allowedSignersFile=${allowed}`, 'verify-commit', 'HEAD'],
        { cwd: dir, encoding: 'utf8' },
      ),
    );
    expect(out.stderr).toContain('Good "git" signature for bot@example.com');
  });

  it.each([
    ['gpg-garbage', { 'git.asc': 'not a key' }, {}, "could not read signing key from secret 'gpg-garbage': "],
    [
      'gpg-no-key',
      { passphrase: 'x' },
      {},
      "signing key secret 'gpg-no-key' does not contain a 'git.asc' key",
    ],
    [
      'ssh-garbage',
      { identity: 'not a key' },
      { type: 'ssh' },
      "could not parse SSH signing key from secret 'ssh-garbage': ssh: no key found",
    ],
    [
      'gpg-missing',
      undefined,
      {},
      `could not find signing key secret 'gpg-missing': secrets "gpg-missing" not found`,
    ],
  ])(
    'refuses the %s signing key with Flux words (SourceManagerFailed), pushing nothing',
    async (name, data, extra, message) => {
      if (data) await secret(name, data);
      await signedAutomation(name, { secretRef: { name }, ...extra });
      const obj = await waitForObject<ImageObject>(
        fx.resources,
        autoRef(name),
        (o) => ready(o)?.status === 'False',
      );
      expect(ready(obj)?.reason).toBe('SourceManagerFailed');
      expect(ready(obj)?.message).toContain(`failed configuring source manager: ${message}`);
      expect(obj.status?.lastPushCommit).toBeUndefined();
    },
  );

  it('refuses protected keys without their passphrase, and short RSA keys', async () => {
    const gpg = await gpgKey('locked', 'secret-pass');
    await secret('gpg-locked', { 'git.asc': gpg.secret });
    await signedAutomation('gpg-locked', { secretRef: { name: 'gpg-locked' } });
    const locked = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('gpg-locked'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(locked)?.message).toBe(
      "failed configuring source manager: can not use passphrase protected signing key without 'passphrase' field present in secret gpg-locked",
    );
    const ssh = await sshKey('ed25519', 'pw-123');
    await secret('ssh-locked', { identity: ssh.identity });
    await signedAutomation('ssh-locked', { secretRef: { name: 'ssh-locked' }, type: 'ssh' });
    const sshLocked = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('ssh-locked'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(sshLocked)?.message).toBe(
      "failed configuring source manager: can not use passphrase protected signing key without 'password' field present in secret ssh-locked",
    );
    const rsa = await sshKey('rsa-1024');
    await secret('ssh-rsa', { identity: rsa.identity });
    await signedAutomation('ssh-rsa', { secretRef: { name: 'ssh-rsa' }, type: 'ssh' });
    const short = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('ssh-rsa'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(short)?.message).toContain('RSA keys shorter than 2048 bits are not supported');
  });
});
