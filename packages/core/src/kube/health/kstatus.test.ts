import { describe, expect, it } from 'vitest';
import { computeStatus } from './kstatus.js';

type Obj = Record<string, unknown>;

const meta = (name: string, extra: Obj = {}): Obj => ({
  name,
  namespace: 'apps',
  generation: 2,
  creationTimestamp: '2026-01-01T00:00:00Z',
  ...extra,
});

function deployment(status: Obj, spec: Obj = {}, metadata: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('podinfo', metadata),
    spec: {
      replicas: 2,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { app: 'podinfo' } },
      ...spec,
    },
    status: { observedGeneration: 2, ...status },
  };
}

const availableConds = [
  {
    type: 'Available',
    status: 'True',
    reason: 'MinimumReplicasAvailable',
    message: 'Deployment has minimum availability.',
  },
  {
    type: 'Progressing',
    status: 'True',
    reason: 'NewReplicaSetAvailable',
    message: 'ReplicaSet "podinfo-5d8b" has successfully progressed.',
  },
];
const healthyCounters = { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };

describe('kstatus: generic rules', () => {
  it.each<[string, Obj, string, string]>([
    [
      'deletionTimestamp ⇒ Terminating, before anything else',
      deployment(
        { ...healthyCounters, conditions: availableConds },
        {},
        { deletionTimestamp: '2026-01-01T00:01:00Z' },
      ),
      'Terminating',
      'Resource scheduled for deletion',
    ],
    [
      'observedGeneration lag ⇒ InProgress',
      deployment({ ...healthyCounters, observedGeneration: 1, conditions: availableConds }),
      'InProgress',
      'Deployment generation is 2, but latest observed generation is 1',
    ],
    [
      'Reconciling=True ⇒ InProgress with its message',
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: meta('w'),
        status: {
          observedGeneration: 2,
          conditions: [{ type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'working' }],
        },
      },
      'InProgress',
      'working',
    ],
    [
      'Stalled=True ⇒ Failed with its message',
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: meta('w'),
        status: {
          conditions: [{ type: 'Stalled', status: 'True', reason: 'Broken', message: 'will not recover' }],
        },
      },
      'Failed',
      'will not recover',
    ],
    [
      'Stalled wins over a built-in rule',
      deployment({
        ...healthyCounters,
        conditions: [...availableConds, { type: 'Stalled', status: 'True', reason: 'X', message: 'stuck' }],
      }),
      'Failed',
      'stuck',
    ],
    [
      'no observedGeneration: lag check skipped',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('c'), data: { a: 'b' } },
      'Current',
      'Resource is always ready',
    ],
  ])('%s', (_name, obj, status, message) => {
    const result = computeStatus(obj);
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('adds the standard conditions kstatus derives', () => {
    expect(computeStatus(deployment({ replicas: 1 })).conditions).toEqual([
      { type: 'Reconciling', status: 'True', reason: 'LessReplicas', message: 'Replicas: 1/2' },
    ]);
    expect(
      computeStatus({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta('j'),
        spec: {},
        status: { conditions: [{ type: 'Failed', status: 'True' }] },
      }).conditions,
    ).toEqual([{ type: 'Stalled', status: 'True', reason: 'JobFailed', message: 'Job Failed. failed: 0/1' }]);
  });
});

describe('kstatus: Deployment', () => {
  it.each<[string, Obj, string, string]>([
    [
      'available',
      deployment({ ...healthyCounters, conditions: availableConds }),
      'Current',
      'Deployment is available. Replicas: 2',
    ],
    ['just created, no status yet', deployment({}), 'InProgress', 'Replicas: 0/2'],
    [
      'pods not updated',
      deployment({ replicas: 2, updatedReplicas: 1, conditions: availableConds }),
      'InProgress',
      'Updated: 1/2',
    ],
    [
      'old pods terminating',
      deployment({ ...healthyCounters, replicas: 3, conditions: availableConds }),
      'InProgress',
      'Pending termination: 1',
    ],
    [
      'updated but not available',
      deployment({ replicas: 2, updatedReplicas: 2, availableReplicas: 1, readyReplicas: 1 }),
      'InProgress',
      'Available: 1/2',
    ],
    [
      'available but not ready',
      deployment({ replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 1 }),
      'InProgress',
      'Ready: 1/2',
    ],
    [
      'rolling out (ReplicaSetUpdated)',
      deployment({
        ...healthyCounters,
        conditions: [
          availableConds[0],
          { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: '' },
        ],
      }),
      'InProgress',
      'ReplicaSet not Available',
    ],
    [
      'not Available',
      deployment({
        ...healthyCounters,
        conditions: [
          { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' },
          availableConds[1],
        ],
      }),
      'InProgress',
      'Deployment not Available',
    ],
    [
      'ProgressDeadlineExceeded ⇒ Failed',
      deployment({
        replicas: 2,
        updatedReplicas: 2,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "x" has timed out progressing.',
          },
        ],
      }),
      'Failed',
      'Progress deadline exceeded',
    ],
    [
      'no progressDeadlineSeconds: Progressing not required',
      deployment(
        { ...healthyCounters, conditions: [availableConds[0]] },
        { progressDeadlineSeconds: undefined },
      ),
      'Current',
      'Deployment is available. Replicas: 2',
    ],
    [
      'replicas default to 1',
      deployment(
        {
          replicas: 1,
          updatedReplicas: 1,
          readyReplicas: 1,
          availableReplicas: 1,
          conditions: availableConds,
        },
        { replicas: undefined },
      ),
      'Current',
      'Deployment is available. Replicas: 1',
    ],
    [
      'scaled to zero',
      deployment({ conditions: availableConds }, { replicas: 0 }),
      'Current',
      'Deployment is available. Replicas: 0',
    ],
  ])('%s', (_name, obj, status, message) => {
    expect(computeStatus(obj)).toMatchObject({ status, message });
  });
});

const sts = (status: Obj, spec: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: meta('db'),
  spec: { replicas: 3, ...spec },
  status: { observedGeneration: 2, ...status },
});
const stsOk = {
  replicas: 3,
  readyReplicas: 3,
  currentReplicas: 3,
  updatedReplicas: 3,
  currentRevision: 'db-1',
  updateRevision: 'db-1',
};

describe('kstatus: StatefulSet, DaemonSet, ReplicaSet', () => {
  it.each<[string, Obj, string, string]>([
    ['sts ready', sts(stsOk), 'Current', 'All replicas scheduled as expected. Replicas: 3'],
    [
      'sts OnDelete',
      sts({}, { updateStrategy: { type: 'OnDelete' } }),
      'Current',
      'StatefulSet is using the ondelete update strategy',
    ],
    ['sts too few replicas', sts({ replicas: 1 }), 'InProgress', 'Replicas: 1/3'],
    ['sts too few ready', sts({ ...stsOk, readyReplicas: 2 }), 'InProgress', 'Ready: 2/3'],
    ['sts extra pods', sts({ ...stsOk, replicas: 4 }), 'InProgress', 'Pending termination: 1'],
    [
      'sts partition rolling',
      sts(
        { ...stsOk, updatedReplicas: 0 },
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
      ),
      'InProgress',
      'updated: 0/2',
    ],
    [
      'sts partition done',
      sts(
        { ...stsOk, updatedReplicas: 2 },
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
      ),
      'Current',
      'Partition rollout complete. updated: 2',
    ],
    ['sts less current', sts({ ...stsOk, currentReplicas: 2 }), 'InProgress', 'current: 2/3'],
    [
      'sts revision mismatch',
      sts({ ...stsOk, updateRevision: 'db-2' }),
      'InProgress',
      'Waiting for updated revision to match current',
    ],
  ])('%s', (_name, obj, status, message) => {
    expect(computeStatus(obj)).toMatchObject({ status, message });
  });

  const ds = (status: Obj | undefined, metadata: Obj = {}): Obj => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent', metadata),
    ...(status ? { status } : {}),
  });
  const dsOk = {
    observedGeneration: 2,
    desiredNumberScheduled: 2,
    currentNumberScheduled: 2,
    updatedNumberScheduled: 2,
    numberAvailable: 2,
    numberReady: 2,
  };
  it.each<[string, Obj, string, string]>([
    ['ds ready', ds(dsOk), 'Current', 'All replicas scheduled as expected. Replicas: 2'],
    [
      'ds not yet seen by its controller',
      ds(undefined),
      'InProgress',
      'DaemonSet status.observedGeneration not found',
    ],
    [
      'ds without generation',
      ds(dsOk, { generation: undefined }),
      'InProgress',
      'DaemonSet metadata.generation not found',
    ],
    [
      'ds no desired number',
      ds({ observedGeneration: 2 }),
      'InProgress',
      'Missing .status.desiredNumberScheduled',
    ],
    ['ds scheduling', ds({ ...dsOk, currentNumberScheduled: 1 }), 'InProgress', 'Current: 1/2'],
    ['ds updating', ds({ ...dsOk, updatedNumberScheduled: 1 }), 'InProgress', 'Updated: 1/2'],
    ['ds unavailable', ds({ ...dsOk, numberAvailable: 0 }), 'InProgress', 'Available: 0/2'],
    ['ds not ready', ds({ ...dsOk, numberReady: 1 }), 'InProgress', 'Ready: 1/2'],
  ])('%s', (_name, obj, status, message) => {
    expect(computeStatus(obj)).toMatchObject({ status, message });
  });

  const rs = (status: Obj): Obj => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('podinfo-5d8b'),
    spec: { replicas: 2 },
    status: { observedGeneration: 2, ...status },
  });
  const rsOk = { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2 };
  it.each<[string, Obj, string, string]>([
    ['rs ready', rs(rsOk), 'Current', 'ReplicaSet is available. Replicas: 2'],
    [
      'rs replica failure',
      rs({
        ...rsOk,
        conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota' }],
      }),
      'InProgress',
      'Replica Failure condition. Check Pods',
    ],
    ['rs labelling', rs({ ...rsOk, fullyLabeledReplicas: 1 }), 'InProgress', 'Labelled: 1/2'],
    ['rs unavailable', rs({ ...rsOk, availableReplicas: 1 }), 'InProgress', 'Available: 1/2'],
    ['rs not ready', rs({ ...rsOk, readyReplicas: 1 }), 'InProgress', 'Ready: 1/2'],
    ['rs extra', rs({ ...rsOk, replicas: 3 }), 'InProgress', 'Pending termination: 1'],
  ])('%s', (_name, obj, status, message) => {
    expect(computeStatus(obj)).toMatchObject({ status, message });
  });
});

const now = Date.parse('2026-01-01T00:10:00Z');
const pod = (status: Obj, created = '2026-01-01T00:00:00Z'): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'podinfo-5d8b-x2x9z', namespace: 'apps', creationTimestamp: created },
  spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.5.0' }] },
  status,
});

describe('kstatus: Pod, PVC, Service, Job, PDB, CRD, always-ready kinds', () => {
  it.each<[string, Obj, string, string]>([
    [
      'pod ready',
      pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }),
      'Current',
      'Pod is Ready',
    ],
    ['pod succeeded', pod({ phase: 'Succeeded' }), 'Current', 'Pod has completed successfully'],
    [
      'pod failed (completed)',
      pod({ phase: 'Failed' }),
      'Current',
      'Pod has completed, but not successfully',
    ],
    [
      'pod running not ready',
      pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] }),
      'InProgress',
      'Pod is running but is not Ready',
    ],
    [
      'pod crash looping',
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'podinfod', state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'sidecar', state: { running: {} } },
        ],
      }),
      'Failed',
      'Containers in CrashLoop state: podinfod',
    ],
    [
      'pod image pull back-off is still pending',
      pod({
        phase: 'Pending',
        containerStatuses: [{ name: 'podinfod', state: { waiting: { reason: 'ImagePullBackOff' } } }],
      }),
      'InProgress',
      'Pod is in the Pending phase',
    ],
    [
      'pod unschedulable, recently',
      pod(
        {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
        },
        '2026-01-01T00:09:50Z',
      ),
      'InProgress',
      'Pod has not been scheduled',
    ],
    [
      'pod unschedulable for long',
      pod({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      }),
      'Failed',
      'Pod could not be scheduled',
    ],
    ['pod not observed', pod({}), 'InProgress', 'Pod phase not available'],
    ['pod unknown phase', pod({ phase: 'Weird' }), 'Unknown', 'unknown phase Weird'],
    [
      'pvc bound',
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data'), status: { phase: 'Bound' } },
      'Current',
      'PVC is Bound',
    ],
    [
      'pvc pending',
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta('data'),
        status: { phase: 'Pending' },
      },
      'InProgress',
      'PVC is not Bound. phase: Pending',
    ],
    [
      'pvc no status',
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data') },
      'InProgress',
      'PVC is not Bound. phase: unknown',
    ],
    [
      'service ClusterIP',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('podinfo'),
        spec: { type: 'ClusterIP', clusterIP: '10.0.0.12' },
      },
      'Current',
      'Service is ready',
    ],
    [
      'service LoadBalancer without clusterIP',
      { apiVersion: 'v1', kind: 'Service', metadata: meta('lb'), spec: { type: 'LoadBalancer' } },
      'InProgress',
      'ClusterIP not set. Service type: LoadBalancer',
    ],
    [
      'service LoadBalancer with clusterIP (Flux: no ingress needed)',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('lb'),
        spec: { type: 'LoadBalancer', clusterIP: '10.0.0.13' },
        status: { loadBalancer: {} },
      },
      'Current',
      'Service is ready',
    ],
    [
      'job complete',
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta('migrate'),
        spec: { completions: 1 },
        status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
      },
      'Current',
      'Job Completed. succeeded: 1/1',
    ],
    [
      'job failed',
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta('migrate'),
        spec: {},
        status: {
          failed: 6,
          conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
        },
      },
      'Failed',
      'Job Failed. failed: 6/1',
    ],
    [
      'job suspended',
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta('migrate'),
        spec: {},
        status: { conditions: [{ type: 'Suspended', status: 'True' }] },
      },
      'Current',
      'Job is suspended',
    ],
    [
      'job not started',
      { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('migrate'), spec: {}, status: {} },
      'InProgress',
      'Job not started',
    ],
    [
      'job running',
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta('migrate'),
        spec: { parallelism: 2 },
        status: { startTime: '2026-01-01T00:00:01Z', active: 2 },
      },
      'Current',
      'Job in progress. success:0, active: 2, failed: 0',
    ],
    [
      'pdb',
      {
        apiVersion: 'policy/v1beta1',
        kind: 'PodDisruptionBudget',
        metadata: meta('pdb'),
        status: { observedGeneration: 2 },
      },
      'Current',
      'AllowedDisruptions has been computed.',
    ],
    [
      'pdb not observed',
      {
        apiVersion: 'policy/v1beta1',
        kind: 'PodDisruptionBudget',
        metadata: meta('pdb'),
        status: { observedGeneration: 1 },
      },
      'InProgress',
      'PodDisruptionBudget generation is 2, but latest observed generation is 1',
    ],
    [
      'secret',
      { apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), type: 'Opaque' },
      'Current',
      'Resource is always ready',
    ],
    [
      'cronjob',
      { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: meta('c'), spec: { schedule: '* * * * *' } },
      'Current',
      'Resource is always ready',
    ],
  ])('%s', (_name, obj, status, message) => {
    expect(computeStatus(obj, { nowMs: now })).toMatchObject({ status, message });
  });

  it('can require an ingress address for LoadBalancer Services', () => {
    const lb = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('lb'),
      spec: { type: 'LoadBalancer', clusterIP: '10.0.0.13' },
      status: { loadBalancer: {} },
    };
    expect(computeStatus(lb, { loadBalancerNeedsIngress: true })).toMatchObject({
      status: 'InProgress',
      message: 'Ingress not set. Service type: LoadBalancer',
    });
    const withIp = { ...lb, status: { loadBalancer: { ingress: [{ ip: '172.18.255.1' }] } } };
    expect(computeStatus(withIp, { loadBalancerNeedsIngress: true }).status).toBe('Current');
  });

  const crd = (conditions: Obj[]): Obj => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com', generation: 1 },
    status: { conditions },
  });
  it.each<[string, Obj, string, string]>([
    [
      'crd established',
      crd([
        { type: 'NamesAccepted', status: 'True' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
      ]),
      'Current',
      'CRD is established',
    ],
    [
      'crd installing',
      crd([
        {
          type: 'Established',
          status: 'False',
          reason: 'Installing',
          message: 'the initial names have been accepted',
        },
      ]),
      'InProgress',
      'Install in progress',
    ],
    ['crd no conditions', crd([]), 'InProgress', 'Install in progress'],
    [
      'crd names conflict',
      crd([
        {
          type: 'NamesAccepted',
          status: 'False',
          reason: 'MultipleNamesNotAllowed',
          message: '"w" is already in use',
        },
      ]),
      'Failed',
      '"w" is already in use',
    ],
    [
      'crd not established',
      crd([
        {
          type: 'Established',
          status: 'False',
          reason: 'NotAccepted',
          message: 'not all names are accepted',
        },
      ]),
      'Failed',
      'not all names are accepted',
    ],
  ])('%s', (_name, obj, status, message) => {
    expect(computeStatus(obj)).toMatchObject({ status, message });
  });
});

describe('kstatus: custom resources', () => {
  const ks = (status: Obj, generation = 3): Obj => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system', generation },
    status,
  });
  it.each<[string, Obj, string, string]>([
    [
      'Flux object Ready=True',
      ks({
        observedGeneration: 3,
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'ReconciliationSucceeded',
            message: 'Applied revision: main@sha1:abc',
          },
        ],
      }),
      'Current',
      'Resource is Ready',
    ],
    [
      'Flux object Ready=False (not stalled) keeps waiting',
      ks({
        observedGeneration: 3,
        conditions: [
          { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'kustomize build failed' },
        ],
      }),
      'InProgress',
      'kustomize build failed',
    ],
    [
      'Flux object Ready=Unknown while reconciling',
      ks({
        observedGeneration: 3,
        conditions: [
          { type: 'Ready', status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress' },
        ],
      }),
      'InProgress',
      'Reconciliation in progress',
    ],
    [
      'Flux object with Reconciling=True',
      ks({
        observedGeneration: 3,
        conditions: [
          { type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'Running health checks' },
          { type: 'Ready', status: 'True', reason: 'x', message: '' },
        ],
      }),
      'InProgress',
      'Running health checks',
    ],
    [
      'Flux object stalled',
      ks({
        observedGeneration: 3,
        conditions: [
          { type: 'Stalled', status: 'True', reason: 'InvalidCELExpression', message: 'bad expr' },
          { type: 'Ready', status: 'False', reason: 'InvalidCELExpression', message: 'bad expr' },
        ],
      }),
      'Failed',
      'bad expr',
    ],
    [
      'Flux object not yet observed (observedGeneration -1)',
      ks({ observedGeneration: -1 }),
      'InProgress',
      'Kustomization generation is 3, but latest observed generation is -1',
    ],
    [
      'custom resource without conditions',
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('w'), spec: {} },
      'Current',
      'Resource is current',
    ],
    [
      'custom resource with unrelated conditions',
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: meta('w'),
        status: { conditions: [{ type: 'Synced', status: 'False' }] },
      },
      'Current',
      'Resource is current',
    ],
    [
      'Namespace (no rule, no conditions)',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' }, status: { phase: 'Active' } },
      'Current',
      'Resource is current',
    ],
  ])('%s', (_name, obj, status, message) => {
    expect(computeStatus(obj)).toMatchObject({ status, message });
  });
});
