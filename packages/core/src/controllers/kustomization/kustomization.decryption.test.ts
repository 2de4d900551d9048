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

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

/** A Secret as `sops --encrypt` leaves it: values in ENC[…] envelopes, metadata under `sops`. */
const encryptedSecret = (name: string): string => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: default
stringData:
  key: ENC[AES256_GCM,data:mHeXsmQ=,iv:vUMpILz3xchORqkzDFvgwENY7EqIHHGJdEF6C8xqbFE=,tag:IroV7hykADvD0IUaq6kikA==,type:str]
sops:
  lastmodified: "2024-11-12T13:33:42Z"
  mac: ENC[AES256_GCM,data:vmrF,iv:u5lhmtXMxyt+3Pw09wWvgBhmKLoOSpKNWUpu/LuCr3Y=,tag:Dg0HFdLgQltzPgnEmltAzQ==,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.9.0
`;
const configMap = (name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  a: b\n`;

async function failure(name: string): Promise<{ reason?: string; message?: string }> {
  const ks = await waitForObject<KubeObject>(fx.resources, ksRef(name), (o) => ready(o)?.status === 'False');
  return { reason: ready(ks)?.reason, message: ready(ks)?.message };
}

const absent = async (kind: string, name: string): Promise<boolean> =>
  (await fx.resources.get({ apiVersion: 'v1', kind, namespace: 'default', name })) === undefined;

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-decryption'));
  await repo.commit({
    'plain/secret.yaml': encryptedSecret('undeclared'),
    'plain/cm.yaml': configMap('beside-undeclared'),
  });
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

describe('Kustomization SOPS safety', () => {
  it('refuses an encrypted Secret when spec.decryption is absent, applying nothing (Flux)', async () => {
    await applyKs('undeclared', { path: './plain' });
    expect(await failure('undeclared')).toEqual({
      reason: 'ReconciliationFailed',
      message:
        'Secret/default/undeclared is SOPS encrypted, configuring decryption is required for this secret to be reconciled',
    });
    expect(await absent('Secret', 'undeclared')).toBe(true);
    expect(await absent('ConfigMap', 'beside-undeclared')).toBe(true);
  });

  it('fails a Kustomization with spec.decryption instead of applying ciphertext', async () => {
    await applyKs('declared', { path: './plain', decryption: { provider: 'sops' } });
    expect(await failure('declared')).toEqual({
      reason: 'BuildFailed',
      message: 'spec.decryption is not supported by Tideline yet: nothing is applied until it is',
    });
    expect(await absent('Secret', 'undeclared')).toBe(true);
  });
});
