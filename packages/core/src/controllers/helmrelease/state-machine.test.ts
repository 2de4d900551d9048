import { describe, expect, it } from 'vitest';
import type { HelmReleaseSpec, HelmReleaseStatus, Snapshot } from '../../api/helmrelease-v2.js';
import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { getCondition, setCondition } from '../../runtime/conditions.js';
import { previous, truncate } from './history.js';
import { nextAction, PlanError, type PlanInput } from './next-action.js';
import { snapshotOf } from './release-observation.js';
import { determineReleaseState } from './release-state.js';
import { releaseName, shortenName, type Hr } from './release-spec.js';
import { remediationFor } from './remediation.js';
import { summarize } from './summarize.js';

const values = { replicaCount: 1 };

function stored(version: number, status: string, extra: Partial<StoredReleaseJson> = {}): StoredReleaseJson {
  return {
    name: 'podinfo',
    namespace: 'apps',
    version,
    info: { first_deployed: '2026-01-01T00:00:00Z', last_deployed: '2026-01-01T00:00:00Z', status },
    chart: { metadata: { name: 'podinfo', version: '6.2.2' } },
    config: values,
    manifest: `v${version}`,
    ...extra,
  };
}

function hr(spec: Partial<HelmReleaseSpec> = {}, status: HelmReleaseStatus = {}, generation = 1): Hr {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'podinfo', namespace: 'apps', generation },
    spec: {
      interval: '5m',
      chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'r' } } },
      ...spec,
    },
    status: { observedGeneration: generation, ...status },
  };
}

const desired = { chartName: 'podinfo', chartVersion: '6.2.2', values };
const plan: PlanInput = {
  forceRequested: false,
  defaultToRetryOnFailure: false,
  verifyRollbackTarget: () => 'ok',
};

describe('release state (DetermineReleaseState)', () => {
  const deployed = stored(1, 'deployed');
  const history = [snapshotOf(deployed, 'install')];
  it.each<[string, Hr, StoredReleaseJson | undefined, string, string?]>([
    ['nothing stored', hr(), undefined, 'Absent', 'no release in storage for object'],
    [
      'pending upgrade',
      hr({}, { history }),
      stored(2, 'pending-upgrade'),
      'Locked',
      "release with status 'pending-upgrade'",
    ],
    ['stored but never observed', hr(), deployed, 'Unmanaged', 'found existing release in storage'],
    [
      'uninstalled, no history',
      hr(),
      stored(1, 'uninstalled'),
      'Absent',
      'found uninstalled release in storage',
    ],
    [
      'changed behind our back',
      hr({}, { history }),
      { ...deployed, manifest: 'edited' },
      'Unmanaged',
      'release not observed to be made for object',
    ],
    ['in sync', hr({}, { history }), deployed, 'InSync'],
    [
      'failed',
      hr({}, { history: [snapshotOf(stored(1, 'failed'), 'install')] }),
      stored(1, 'failed'),
      'Failed',
    ],
    ['new chart version', hr({}, { history }), deployed, 'OutOfSync', 'release chart changed'],
    ['tests enabled, not run', hr({ test: { enable: true } }, { history }), deployed, 'Untested'],
  ])('%s', (name, obj, rel, status, reason) => {
    const want = name === 'new chart version' ? { ...desired, chartVersion: '6.2.3' } : desired;
    const state = determineReleaseState(obj, rel, want);
    expect(state.status).toBe(status);
    if (reason) expect(state.reason).toBe(reason);
  });

  it('new values or, on a new generation, new post-renderers are OutOfSync', () => {
    expect(
      determineReleaseState(hr({}, { history }), deployed, { ...desired, values: { replicaCount: 2 } })
        .reason,
    ).toBe('release config values changed');
    const renderers = hr(
      { postRenderers: [{ kustomize: { images: [{ name: 'x', newTag: '1' }] } }] },
      { history, observedGeneration: 1 },
      2,
    );
    expect(determineReleaseState(renderers, deployed, desired).reason).toBe(
      'postrenderers digest has changed',
    );
  });

  it('a failed test is a Failed release unless ignored', () => {
    const tested: Snapshot = { ...history[0]!, testHooks: { t: { phase: 'Failed' } } };
    const failing = hr(
      { test: { enable: true } },
      { history: [tested], lastAttemptedReleaseAction: 'install' },
    );
    expect(determineReleaseState(failing, deployed, desired)).toEqual({
      status: 'Failed',
      reason: 'release has test in failed phase',
    });
    const ignoring = hr(
      { test: { enable: true, ignoreFailures: true } },
      { history: [tested], lastAttemptedReleaseAction: 'install' },
    );
    expect(determineReleaseState(ignoring, deployed, desired).status).toBe('InSync');
  });
});

describe('next action (actionForState)', () => {
  it('installs when absent, stalls when install retries are spent unless forced', () => {
    expect(nextAction(hr(), { status: 'Absent' }, plan).next).toBe('install');
    const spent = hr({}, { installFailures: 1 });
    expect(() => nextAction(spent, { status: 'Absent' }, plan)).toThrow(PlanError);
    expect(nextAction(spent, { status: 'Absent' }, { ...plan, forceRequested: true }).next).toBe('install');
  });

  it('upgrades an unmanaged release after forgetting its history', () => {
    const obj = hr({}, { history: [snapshotOf(stored(1, 'deployed'), 'install')] });
    expect(nextAction(obj, { status: 'Unmanaged' }, plan).next).toBe('upgrade');
    expect(obj.status?.history).toBeUndefined();
  });

  it('remediates a failed upgrade by rollback, then stalls when retries are exhausted', () => {
    const history = [
      snapshotOf(stored(2, 'failed'), 'upgrade'),
      snapshotOf(stored(1, 'superseded'), 'install'),
    ];
    const base = { history, lastAttemptedReleaseAction: 'upgrade' as const };
    expect(
      nextAction(
        hr({ upgrade: { remediation: { retries: 1 } } }, { ...base, upgradeFailures: 1 }),
        { status: 'Failed' },
        plan,
      ).next,
    ).toBe('rollback');
    expect(nextAction(hr({}, { ...base, upgradeFailures: 0 }), { status: 'Failed' }, plan).next).toBe(
      'upgrade',
    );
    expect(() => nextAction(hr({}, { ...base, upgradeFailures: 1 }), { status: 'Failed' }, plan)).toThrow(
      'exceeded maximum retries: cannot remediate failed release',
    );
    // remediateLastFailure defaults to true with retries > 0: the last failure is still rolled back.
    const last = hr({ upgrade: { remediation: { retries: 1 } } }, { ...base, upgradeFailures: 2 });
    expect(nextAction(last, { status: 'Failed' }, plan).next).toBe('rollback');
    expect(() =>
      nextAction(
        hr({ upgrade: { remediation: { retries: 1 } } }, { ...base, upgradeFailures: 1 }),
        { status: 'Failed' },
        {
          ...plan,
          verifyRollbackTarget: () => 'missing',
        },
      ),
    ).toThrow(expect.objectContaining({ kind: 'MissingRollbackTarget' }));
  });

  it('remediates a failed install by uninstall; RetryOnFailure upgrades instead', () => {
    const history = [snapshotOf(stored(1, 'failed'), 'install')];
    const status = { history, lastAttemptedReleaseAction: 'install' as const, installFailures: 1 };
    expect(
      nextAction(hr({ install: { remediation: { retries: 3 } } }, status), { status: 'Failed' }, plan).next,
    ).toBe('uninstall');
    expect(
      nextAction(
        hr({ install: { strategy: { name: 'RetryOnFailure' } } }, status),
        { status: 'Failed' },
        plan,
      ).next,
    ).toBe('upgrade');
  });

  it('marks drift and corrects it only in enabled mode', () => {
    const history = [snapshotOf(stored(1, 'deployed'), 'install')];
    const warn = hr({ driftDetection: { mode: 'warn' } }, { history });
    const planned = nextAction(
      warn,
      { status: 'Drifted' },
      { ...plan, driftSummary: 'Deployment/apps/podinfo changed' },
    );
    expect(planned).toEqual({
      next: undefined,
      driftEvent:
        'Cluster state of release apps/podinfo.v1 has drifted from the desired state:\nDeployment/apps/podinfo changed',
    });
    expect(getCondition(warn, 'Drifted')?.reason).toBe('DriftDetected');
    const enabled = hr({ driftDetection: { mode: 'enabled' } }, { history });
    expect(nextAction(enabled, { status: 'Drifted' }, plan).next).toBe('correct-drift');
    nextAction(enabled, { status: 'InSync' }, plan);
    expect(getCondition(enabled, 'Drifted')).toMatchObject({ status: 'False', reason: 'NoDriftDetected' });
  });

  it('turns a rollback that already matches the spec into UpgradeSucceeded', () => {
    const history = [
      snapshotOf(stored(3, 'deployed'), 'rollback'),
      snapshotOf(stored(2, 'superseded'), 'upgrade'),
    ];
    const obj = hr({}, { history });
    setCondition(obj, 'Remediated', 'True', 'RollbackSucceeded', 'rolled back');
    nextAction(obj, { status: 'InSync' }, plan);
    expect(getCondition(obj, 'Remediated')).toBeUndefined();
    expect(getCondition(obj, 'Released')).toMatchObject({
      status: 'True',
      reason: 'UpgradeSucceeded',
      message: 'Helm upgrade succeeded for release apps/podinfo.v3 with chart podinfo@6.2.2',
    });
  });
});

describe('history, remediation, summary', () => {
  const s = (version: number, status: string, testHooks?: Snapshot['testHooks']): Snapshot => ({
    ...snapshotOf(stored(version, status), 'upgrade'),
    ...(testHooks ? { testHooks } : {}),
  });

  it('truncates back to the previous deployed release, skipping failed tests', () => {
    const h = [
      s(5, 'failed'),
      s(4, 'superseded', { t: { phase: 'Failed' } }),
      s(3, 'superseded'),
      s(2, 'superseded'),
    ];
    expect(truncate(h, false).map((x) => x.version)).toEqual([5, 4, 3]);
    expect(truncate(h, true).map((x) => x.version)).toEqual([5, 4]);
    expect(previous(h, false)?.version).toBe(3);
  });

  it("defaults remediation as Flux's API does", () => {
    expect(remediationFor(hr(), 'upgrade')).toMatchObject({
      retries: 0,
      strategy: 'rollback',
      mustRemediateLastFailure: false,
    });
    expect(
      remediationFor(hr({ upgrade: { remediation: { retries: -1 } } }, { upgradeFailures: 99 }), 'upgrade')
        .retriesExhausted,
    ).toBe(false);
    expect(
      remediationFor(hr({ install: { remediation: { retries: 2 } } }, { installFailures: 3 }), 'install'),
    ).toMatchObject({
      strategy: 'uninstall',
      retriesExhausted: true,
    });
  });

  it('summarizes Ready from the newest owned condition; Remediated is never Ready', () => {
    const obj = hr({ test: { enable: true } });
    setCondition(obj, 'Released', 'True', 'InstallSucceeded', 'installed');
    setCondition(obj, 'TestSuccess', 'False', 'TestFailed', 'tests failed');
    summarize(obj);
    expect(getCondition(obj, 'Ready')).toMatchObject({ status: 'False', reason: 'TestFailed' });
    setCondition(obj, 'Remediated', 'True', 'RollbackSucceeded', 'rolled back');
    summarize(obj);
    expect(getCondition(obj, 'Ready')).toMatchObject({ status: 'False', reason: 'RollbackSucceeded' });
  });

  it('names releases as Flux does, shortening past 53 characters', () => {
    expect(releaseName(hr({ targetNamespace: 'web' }))).toBe('web-podinfo');
    const long = 'a'.repeat(60);
    expect(shortenName(long)).toMatch(/^a{40}-[0-9a-f]{12}$/);
    expect(shortenName(long)).toHaveLength(53);
  });
});
