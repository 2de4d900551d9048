// `helm template` with non-default values: each value shows in the objects as its comment says.
import { describe, expect, it } from 'vitest';
import {
  describe as describeObject,
  findObject,
  renderChart,
  type RenderedObject,
} from '../testing/chart-fixture.js';

interface Container {
  args: string[];
  livenessProbe: { httpGet: { scheme?: string } };
  readinessProbe: { httpGet: { scheme?: string } };
  startupProbe: { httpGet: { scheme?: string } };
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  ports: { name: string }[];
  volumeMounts: { name: string }[];
}
interface Deployment extends RenderedObject {
  spec: {
    replicas: number;
    strategy?: { type: string };
    template: {
      spec: {
        containers: Container[];
        volumes: {
          name: string;
          persistentVolumeClaim?: { claimName: string };
          secret?: { secretName: string; defaultMode?: number };
        }[];
      };
    };
  };
}
const deploymentOf = (objects: RenderedObject[]): Deployment =>
  findObject(objects, 'Deployment') as Deployment;
const containerOf = (objects: RenderedObject[]): Container => {
  const container = deploymentOf(objects).spec.template.spec.containers[0];
  if (!container) throw new Error('the Deployment has no container');
  return container;
};
const kinds = (objects: RenderedObject[]): string[] => objects.map(describeObject);

describe('helm template with non-default values', () => {
  it('rbac.clusterAdmin binds cluster-admin instead of the least-privilege roles', async () => {
    const objects = await renderChart({ rbac: { clusterAdmin: true } });
    const binding = findObject(objects, 'ClusterRoleBinding') as RenderedObject & {
      roleRef: { name: string };
      subjects: { kind: string; name: string; namespace: string }[];
    };
    expect(binding.roleRef.name).toBe('cluster-admin');
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'tideline', namespace: 'flux-system' },
    ]);
    expect(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role')).toEqual([]);
  });

  it('rbac.create=false and serviceAccount.create=false render no RBAC and use the named account', async () => {
    const objects = await renderChart({
      rbac: { create: false },
      serviceAccount: { create: false, name: 'ops' },
    });
    expect(kinds(objects).filter((k) => /Role|ServiceAccount/.test(k))).toEqual([]);
    expect(
      (deploymentOf(objects).spec.template.spec as unknown as { serviceAccountName: string })
        .serviceAccountName,
    ).toBe('ops');
  });

  it.each<[string, Record<string, unknown>, string[], string[]]>([
    [
      'sharding',
      { watchLabelSelector: 'sharding.fluxcd.io/key in (shard1)' },
      ['--watch-label-selector=sharding.fluxcd.io/key in (shard1)'],
      [],
    ],
    ['observe mode', { observe: true }, ['--observe'], []],
    ['multi-tenancy', { multiTenant: true }, ['--multi-tenant'], []],
    ['no dashboard', { dashboard: false }, ['--no-dashboard'], []],
    [
      'logging',
      { logLevel: 'debug', logFormat: 'console' },
      ['--log-level=debug', '--log-format=console'],
      [],
    ],
    [
      'trusted proxies and hosts',
      { server: { port: 8000, trustedProxies: ['10.0.0.7'], allowedHosts: ['gitops.example.com'] } },
      ['--port=8000', '--trusted-proxy=10.0.0.7', '--allowed-host=gitops.example.com'],
      [],
    ],
    ['metrics off', { metrics: { enabled: false } }, [], ['--metrics-addr=:8080']],
    ['extra args', { extraArgs: ['--help'] }, ['--help'], []],
  ])('%s: the flags follow the values', async (_name, values, present, absent) => {
    const args = containerOf(await renderChart(values)).args;
    expect(args).toEqual(expect.arrayContaining(present));
    for (const flag of absent) expect(args).not.toContain(flag);
  });

  it('metrics off: no metrics port on the container, the Service, or a ServiceMonitor', async () => {
    const objects = await renderChart({ metrics: { enabled: false, serviceMonitor: { enabled: true } } });
    expect(containerOf(objects).ports.map((p) => p.name)).toEqual(['http']);
    const service = findObject(objects, 'Service') as RenderedObject & {
      spec: { ports: { name: string }[] };
    };
    expect(service.spec.ports.map((p) => p.name)).toEqual(['http']);
    expect(kinds(objects)).not.toContain('ServiceMonitor/tideline');
  });

  it('metrics.serviceMonitor renders a ServiceMonitor on the metrics port', async () => {
    const objects = await renderChart({
      metrics: { serviceMonitor: { enabled: true, labels: { release: 'prom' } } },
    });
    const monitor = findObject(objects, 'ServiceMonitor') as RenderedObject & {
      spec: { endpoints: { port: string; path: string }[] };
    };
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.labels?.release).toBe('prom');
    expect(monitor.spec.endpoints).toMatchObject([{ port: 'http-metrics', path: '/metrics' }]);
  });

  it('ingress with TLS: the host is served over the Secret and answered by the server', async () => {
    const objects = await renderChart({
      ingress: {
        enabled: true,
        className: 'nginx',
        host: 'gitops.example.com',
        tls: { secretName: 'gitops-tls' },
      },
    });
    const ingress = findObject(objects, 'Ingress') as RenderedObject & {
      spec: { ingressClassName: string; tls: { hosts: string[]; secretName: string }[] };
    };
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: ['gitops.example.com'], secretName: 'gitops-tls' }]);
    expect(containerOf(objects).args).toContain('--allowed-host=gitops.example.com');
  });

  it('server.tls: the Secret mounted as a directory, HTTPS from its files, probes over HTTPS', async () => {
    const objects = await renderChart({ server: { tls: { secretName: 'tideline-serving' } } });
    const container = containerOf(objects);
    expect(container.args).toEqual(
      expect.arrayContaining([
        '--host=0.0.0.0',
        '--tls-cert-file=/etc/tideline-tls/tls.crt',
        '--tls-key-file=/etc/tideline-tls/tls.key',
      ]),
    );
    expect(container.args).not.toContain('--insecure-listen');
    expect(container.volumeMounts).toContainEqual({
      name: 'tls',
      mountPath: '/etc/tideline-tls',
      readOnly: true,
    });
    expect(deploymentOf(objects).spec.template.spec.volumes).toContainEqual({
      name: 'tls',
      secret: { secretName: 'tideline-serving', defaultMode: 0o440 },
    });
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe])
      expect(probe.httpGet.scheme).toBe('HTTPS');
    const plain = containerOf(await renderChart({}));
    expect(plain.args).toContain('--insecure-listen');
    expect(plain.args.filter((a) => a.startsWith('--tls-'))).toEqual([]);
    expect(plain.livenessProbe.httpGet.scheme).toBeUndefined();
  });

  it('persistence: a claim for the state dir, and Recreate so two pods never hold it', async () => {
    const objects = await renderChart({ persistence: { enabled: true, size: '5Gi' } });
    const claim = findObject(objects, 'PersistentVolumeClaim') as RenderedObject & {
      spec: { resources: { requests: { storage: string } } };
    };
    expect(claim.metadata.name).toBe('tideline-state');
    expect(claim.spec.resources.requests.storage).toBe('5Gi');
    const deployment = deploymentOf(objects);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    const state = deployment.spec.template.spec.volumes.find((v) => v.name === 'state');
    expect(state?.persistentVolumeClaim?.claimName).toBe('tideline-state');
  });

  it('adminToken.existingSecret reaches the server as TIDELINE_ADMIN_TOKEN', async () => {
    const env = containerOf(
      await renderChart({ adminToken: { existingSecret: 'tideline-admin', key: 't' } }),
    ).env;
    expect(env?.find((e) => e.name === 'TIDELINE_ADMIN_TOKEN')?.valueFrom?.secretKeyRef).toEqual({
      name: 'tideline-admin',
      key: 't',
    });
  });

  it('replicas, no PDB, no NetworkPolicy', async () => {
    const objects = await renderChart({
      replicaCount: 2,
      podDisruptionBudget: { enabled: false },
      networkPolicy: { enabled: false },
    });
    expect(deploymentOf(objects).spec.replicas).toBe(2);
    expect(kinds(objects).filter((k) => /PodDisruptionBudget|NetworkPolicy/.test(k))).toEqual([]);
  });

  it.each([
    ['1.20.2', 'policy/v1beta1'],
    ['1.21.0', 'policy/v1'],
    ['1.34.1', 'policy/v1'],
  ])('on Kubernetes %s the PodDisruptionBudget is %s', async (kubeVersion, apiVersion) => {
    expect(findObject(await renderChart({}, { kubeVersion }), 'PodDisruptionBudget').apiVersion).toBe(
      apiVersion,
    );
  });

  it('networkPolicy.httpFrom restricts the dashboard port to those peers', async () => {
    const peers = [
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
    ];
    const policy = findObject(
      await renderChart({ networkPolicy: { httpFrom: peers } }),
      'NetworkPolicy',
    ) as RenderedObject & {
      spec: { ingress: { from?: unknown[]; ports: { port: string }[] }[] };
    };
    expect(policy.spec.ingress.find((r) => r.ports[0]?.port === 'http')?.from).toEqual(peers);
  });
});
