import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startControlPlane, type ControlPlane } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FluxResource } from '../cache/to-dto.js';
import { createHelmValuesService } from './helm-values-service.js';
import { ValuesUnavailableError, type ObjectKey } from './types.js';

// The values are read from a real apiserver; what must never come back is the planted Secret.
const NS = 'apps';
const PLANTED = 'planted-s3cr3t-9f2c';
const dir = mkdtempSync(join(tmpdir(), 'helm-values-'));
let plane: ControlPlane;
let resources: Resources;

const KEY: ObjectKey = { kind: 'HelmRelease', namespace: NS, name: 'podinfo' };

const release = (spec: Record<string, unknown>): FluxResource =>
  ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'podinfo', namespace: NS },
    spec: { interval: '5m', chart: { spec: { chart: 'podinfo' } }, ...spec },
  }) as FluxResource;

beforeAll(async () => {
  plane = await startControlPlane({ dataDir: join(dir, 'plane') });
  resources = new Resources(await KubeClient.fromKubeconfig(plane.kubeconfigPath));
  await resources.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await resources.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'podinfo-values', namespace: NS },
    data: { 'values.yaml': 'replicaCount: 2\nui:\n  message: hello\n' },
  } as KubeObject);
  await resources.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'podinfo-secrets', namespace: NS },
    stringData: {
      'values.yaml': `redis:\n  password: ${PLANTED}\n  users: [${PLANTED}-a, ${PLANTED}-b]\n`,
      token: PLANTED,
      broken: `${PLANTED}: [`,
    },
  } as KubeObject);
});

afterAll(async () => {
  await plane?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('HelmRelease values on the sandbox', () => {
  it('composes valuesFrom in order then inline values, and no planted Secret value comes back', async () => {
    const hr = release({
      values: { ui: { color: '#34577c' } },
      valuesFrom: [
        { kind: 'ConfigMap', name: 'podinfo-values' },
        { kind: 'Secret', name: 'podinfo-secrets' },
        { kind: 'Secret', name: 'podinfo-secrets', valuesKey: 'token', targetPath: 'ui.token' },
        { kind: 'ConfigMap', name: 'absent', optional: true },
      ],
    });
    const values = createHelmValuesService({ release: () => hr, resources });
    const result = await values(KEY);
    expect(result.yaml).toBe(
      [
        'redis:',
        '  password: "***"',
        '  users:',
        '    - "***"',
        '    - "***"',
        'replicaCount: 2',
        'ui:',
        '  color: "#34577c"',
        '  message: hello',
        '  token: "***"',
        '',
      ].join('\n'),
    );
    expect(result.sources).toEqual([
      'ConfigMap apps/podinfo-values[values.yaml]',
      'Secret apps/podinfo-secrets[values.yaml]',
      'Secret apps/podinfo-secrets[token] → ui.token',
      'ConfigMap apps/absent[values.yaml] (optional)',
      'Inline values (spec.values)',
    ]);
    expect(JSON.stringify(result)).not.toContain(PLANTED);
  });

  it.each([
    [
      'a missing reference, in helm-controller’s words',
      [{ kind: 'Secret', name: 'nope' }],
      "could not resolve Secret chart values reference 'apps/nope' with key 'values.yaml': secrets \"nope\" not found",
    ],
    [
      'a Secret key that is not a map, without quoting it',
      [{ kind: 'Secret', name: 'podinfo-secrets', valuesKey: 'broken' }],
      "could not resolve Secret chart values reference 'apps/podinfo-secrets' with key 'broken': the value is not a YAML map",
    ],
  ])('fails on %s', async (_name, valuesFrom, message) => {
    const values = createHelmValuesService({ release: () => release({ valuesFrom }), resources });
    const failure = values(KEY);
    await expect(failure).rejects.toThrow(ValuesUnavailableError);
    await expect(failure).rejects.toThrow(message);
    const error = await failure.catch((e: unknown) => e as Error);
    expect((error as Error).message).not.toContain(PLANTED);
  });

  it('refuses other kinds and too many references', async () => {
    const many = Array.from({ length: 51 }, () => ({ kind: 'ConfigMap', name: 'podinfo-values' }));
    const values = createHelmValuesService({ release: () => release({ valuesFrom: many }), resources });
    await expect(values(KEY)).rejects.toThrow(/composes at most 50/);
    await expect(values({ ...KEY, kind: 'Kustomization' })).rejects.toThrow(/has no Helm values/);
  });
});
