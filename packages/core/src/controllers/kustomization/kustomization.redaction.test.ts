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

/**
 * Values from `postBuild.substituteFrom` Secrets never reach a condition, an event or a log,
 * whichever step fails: the YAML no longer parses after substitution, the object cannot be
 * decoded, or the API server rejects the substituted value (and quotes it).
 */
let fx: ClusterFixture;
let repo: GitWorkTree;
const logs: string[] = [];
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

const PASSWORD = 'pl4nted-Passw0rd-7c1e';
const LABEL = 'pl4nted label value!';
type Event = KubeObject & { message: string; involvedObject: { name: string } };

const cm = (name: string, body: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n${body}`;
const postBuild = {
  substituteFrom: [
    { kind: 'ConfigMap', name: 'redact-vars' },
    { kind: 'Secret', name: 'redact-secrets' },
  ],
};

async function failed(name: string): Promise<{ reason: string; message: string }> {
  const ks = await waitForObject<KubeObject>(fx.resources, ksRef(name), (o) => ready(o)?.status === 'False');
  return ready(ks) ?? { reason: '', message: '' };
}

beforeAll(async () => {
  fx = await startClusterFixture({ logSink: (level, message) => logs.push(`${level} ${message}`) });
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'redact-secrets', namespace: 'default' },
      stringData: { db_password: PASSWORD, bad_label: LABEL },
    } as KubeObject,
    { fieldManager: 'test' },
  );
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'redact-vars', namespace: 'default' },
      data: { list_name: '[x, y]', colon: ':' },
    } as KubeObject,
    { fieldManager: 'test' },
  );
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-redaction'));
  await repo.commit({
    // Valid YAML until the substitution: then `password: <value>: extra` is a nested mapping.
    'broken/cm.yaml': cm('broken', 'data:\n  password: ${db_password}${colon} extra\n'),
    'undecodable/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${list_name}\n  namespace: default\ndata:\n  password: ${db_password}\n',
    'rejected/cm.yaml': cm(
      'rejected',
      '  labels:\n    tier: ${bad_label}\ndata:\n  password: ${db_password}\n',
    ),
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

describe('Secret values in messages', () => {
  it('a YAML error after substitution names the line, never its text', async () => {
    await applyKs('broken', { path: './broken', postBuild });
    const condition = await failed('broken');
    expect(condition.reason).toBe('BuildFailed');
    expect(condition.message).toMatch(
      /^post build failed for '~G_v1_ConfigMap\/broken': envsubst error: YAMLToJSON: yaml: line \d+: /,
    );
  });

  it('an object that no longer decodes is quoted with the Secret values redacted', async () => {
    await applyKs('undecodable', { path: './undecodable', postBuild });
    const condition = await failed('undecodable');
    expect(condition.reason).toBe('BuildFailed');
    expect(condition.message).toContain('failed to decode Kubernetes apiVersion, kind and name from:');
    expect(condition.message).toContain('password: <redacted>');
  });

  it('a value the API server rejects and quotes is redacted', async () => {
    await applyKs('rejected', { path: './rejected', postBuild });
    const condition = await failed('rejected');
    expect(condition.reason).toBe('ReconciliationFailed');
    expect(condition.message).toContain('metadata.labels: Invalid value: "<redacted>"');
  });

  it('no condition, event or log line holds a planted value', async () => {
    const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'default' });
    const warnings = events.items.filter((e) =>
      ['broken', 'undecodable', 'rejected'].includes(e.involvedObject.name),
    );
    expect(warnings.length).toBeGreaterThanOrEqual(3);
    const kustomizations = await fx.resources.list('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', {
      namespace: 'default',
    });
    const written = JSON.stringify([
      events.items.map((e) => e.message),
      kustomizations.items.map((k) => (k as KubeObject & { status?: unknown }).status),
      logs,
    ]);
    for (const planted of [PASSWORD, LABEL, Buffer.from(PASSWORD).toString('base64')])
      expect(written).not.toContain(planted);
    expect(written).toContain('<redacted>');
  });
});
