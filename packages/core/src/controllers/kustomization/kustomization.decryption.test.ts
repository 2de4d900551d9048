import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';
import { sopsEncryptDotenv } from '../../testing/sops-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
const logs: string[] = [];
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

/** Files encrypted by the real sops for kustomize-controller's tests, and their keys. */
const oracle = (file: string): string =>
  readFileSync(join(import.meta.dirname, '../../render/sops/testdata/flux', file), 'utf8');
const AGE_RECIPIENT = 'age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29';
/** A value that must reach the Secret and nothing else. */
const PLANTED = 'tideline-planted-7f3c9a51e0';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const unb64 = (s: unknown): string => Buffer.from(String(s), 'base64').toString('utf8');
const kustomization = (body: string): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

async function keySecret(name: string, data: Record<string, string>): Promise<void> {
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'default' },
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
    },
    { fieldManager: 'test' },
  );
}

const secret = (name: string): Promise<KubeObject | undefined> =>
  fx.resources.get({ apiVersion: 'v1', kind: 'Secret', namespace: 'default', name });

async function readyTrue(name: string): Promise<KubeObject> {
  return waitForObject<KubeObject>(fx.resources, ksRef(name), (o) => ready(o)?.status === 'True', 90_000);
}

async function failure(name: string, generation?: number): Promise<{ reason?: string; message?: string }> {
  const ks = await waitForObject<KubeObject>(
    fx.resources,
    ksRef(name),
    (o) =>
      ready(o)?.status === 'False' &&
      (generation === undefined || (o.metadata.generation ?? 0) >= generation),
    90_000,
  );
  return { reason: ready(ks)?.reason, message: ready(ks)?.message };
}

beforeAll(async () => {
  fx = await startClusterFixture({ logSink: (_level, message) => logs.push(message) });
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-decryption'));
  const planted = await sopsEncryptDotenv({ PLANTED, OTHER: 'second-value' }, AGE_RECIPIENT);
  // The same file with one line removed: every value still decrypts, only the MAC tells.
  const tampered = planted
    .split('\n')
    .filter((l) => !l.startsWith('OTHER='))
    .join('\n');
  const generator = (name: string): string =>
    kustomization(
      `generatorOptions:\n  disableNameSuffixHash: true\nsecretGenerator:\n  - name: ${name}\n    envs: [secret.env]\n`,
    );
  await repo.commit({
    'plain/secret.yaml': oracle('age.yaml').replace('name: age', 'name: undeclared'),
    'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: beside-undeclared\ndata:\n  a: b\n',
    'algorithms/kustomization.yaml': kustomization('resources: [age.yaml, pgp.yaml]\n'),
    'algorithms/age.yaml': oracle('age.yaml'),
    'algorithms/pgp.yaml': oracle('pgp.yaml'),
    'generator/kustomization.yaml': generator('generated'),
    'generator/secret.env': planted,
    'tampered/kustomization.yaml': generator('tampered'),
    'tampered/secret.env': tampered,
  });
  await keySecret('sops-keys', { 'age.agekey': oracle('age.txt'), 'pgp.asc': oracle('pgp.asc') });
  await keySecret('wrong-keys', {
    'other.agekey': 'AGE-SECRET-KEY-1G0Q5K9TV4REQ3ZSQRMTMG8NSWQGYT0T7TZ33RAZEE0GZYVZN0APSU24RK7\n',
  });
  await keySecret('kms-keys', { 'sops.aws-kms': 'aws_access_key_id: x\n' });
  await applySourceRepository();
  await waitForObject(
    fx.resources,
    { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', namespace: 'default', name: 'repo' },
    (o) => ready(o)?.status === 'True',
    120_000,
  );
}, 600_000);

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

const sops = (secretName: string): Record<string, unknown> => ({
  targetNamespace: 'default',
  decryption: { provider: 'sops', secretRef: { name: secretName } },
});

describe('Kustomization SOPS decryption', () => {
  it('refuses an encrypted Secret when spec.decryption is absent, applying nothing (Flux)', async () => {
    await applyKs('undeclared', { path: './plain', targetNamespace: 'default' });
    expect(await failure('undeclared')).toEqual({
      reason: 'ReconciliationFailed',
      message:
        'Secret/default/undeclared is SOPS encrypted, configuring decryption is required for this secret to be reconciled',
    });
    expect(await secret('undeclared')).toBeUndefined();
    expect(
      await fx.resources.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'default',
        name: 'beside-undeclared',
      }),
    ).toBeUndefined();
  });

  it('applies an age-encrypted and a PGP-encrypted Secret decrypted (files made by the real sops)', async () => {
    await applyKs('algorithms', { path: './algorithms', ...sops('sops-keys') });
    await readyTrue('algorithms');
    for (const name of ['age', 'pgp']) {
      const s = (await secret(name)) as { data?: Record<string, string> } & KubeObject;
      expect(s).not.toHaveProperty('sops');
      expect(unb64(s.data?.key)).toMatch(/^[a-z0-9-]+$/);
      expect(unb64(s.data?.key)).not.toContain('ENC[');
    }
  });

  it('keeps the last good Secret when the key is wrong, with Flux reason and message', async () => {
    const before = await secret('age');
    await applyKs('algorithms', { path: './algorithms', ...sops('wrong-keys') });
    const { reason, message } = await failure('algorithms', 2);
    expect(reason).toBe('BuildFailed');
    expect(message).toContain(
      "decryption failed for '~G_v1_Secret/age': failed to decrypt and format 'default/age' Secret data: cannot get sops data key: Failed to get the data key required to decrypt the SOPS file.\n\nGroup 0: FAILED\n  age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29: FAILED\n    - | failed to create reader for decrypting sops data key with\n      | age: no identity matched any of the recipients",
    );
    expect((await secret('age'))?.data).toEqual(before?.data);
  });

  it('decrypts a secretGenerator env file before kustomize runs', async () => {
    await applyKs('generator', { path: './generator', ...sops('sops-keys') });
    await readyTrue('generator');
    const s = (await secret('generated')) as { data?: Record<string, string> } & KubeObject;
    expect(unb64(s.data?.PLANTED)).toBe(PLANTED);
    expect(unb64(s.data?.OTHER)).toBe('second-value');
  });

  it('refuses a file whose MAC does not match, applying nothing', async () => {
    await applyKs('tampered', { path: './tampered', ...sops('sops-keys') });
    expect(await failure('tampered')).toEqual({
      reason: 'BuildFailed',
      message:
        "error decrypting sources: failed to verify sops data integrity: expected mac '<redacted>', got '<redacted>'",
    });
    expect(await secret('tampered')).toBeUndefined();
  });

  it('names the key types it cannot use instead of ignoring them', async () => {
    await applyKs('kms', { path: './algorithms', ...sops('kms-keys') });
    expect((await failure('kms')).message).toBe(
      "sops decryption Secret 'default/kms-keys' holds 'sops.aws-kms': Vault, AWS KMS, Azure Key Vault and GCP KMS are not supported by Tideline (only age '*.agekey' and OpenPGP '*.asc' keys are)",
    );
    await applyKs('missing', { path: './algorithms', ...sops('no-such-secret') });
    expect(await failure('missing')).toEqual({
      reason: 'BuildFailed',
      message: 'secrets "no-such-secret" not found',
    });
  });

  it('never lets a decrypted value reach conditions, events or logs', async () => {
    const objects = await fx.resources.list('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', {
      namespace: 'default',
    });
    const events = await fx.resources.list('v1', 'Event', { namespace: 'default' });
    const seen = JSON.stringify({ status: objects.items.map((o) => o.status), events: events.items, logs });
    expect(seen).toContain('generator');
    expect(seen).not.toContain(PLANTED);
    expect(seen).not.toContain(b64(PLANTED));
  });
});
