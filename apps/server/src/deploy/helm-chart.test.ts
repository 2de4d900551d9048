// The chart that installs Tideline on a real cluster: `helm lint`, and `helm template` with
// default and non-default values, parsed, checked against what the values say. The install on
// a real API server is in helm-chart.install.test.ts.
import { fluxCrds } from '@tideline/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHART_DIR,
  describe as describeObject,
  findObject,
  renderChart,
  runHelm,
  type RenderedObject,
} from '../testing/chart-fixture.js';
import { parseAccessPolicy } from '../auth/access-policy.js';
import { rulesAllow, type AccessRequest, type PolicyRule } from '../testing/rbac-rules.js';

interface Container {
  args: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  ports: { name: string; containerPort: number }[];
  securityContext: Record<string, unknown>;
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  serviceAccountName: string;
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: { name: string; emptyDir?: unknown; persistentVolumeClaim?: { claimName: string } }[];
}
type Deployment = RenderedObject & {
  spec: { replicas: number; strategy?: { type: string }; template: { spec: PodSpec } };
};

const deploymentOf = (objects: RenderedObject[]): Deployment =>
  findObject(objects, 'Deployment') as Deployment;
const containerOf = (objects: RenderedObject[]): Container => {
  const container = deploymentOf(objects).spec.template.spec.containers[0];
  if (!container) throw new Error('the Deployment has no container');
  return container;
};
const rulesOf = (obj: RenderedObject): PolicyRule[] =>
  (obj as RenderedObject & { rules: PolicyRule[] }).rules;

describe('helm lint', () => {
  it.each([
    ['default values', {}],
    [
      'every option on',
      {
        rbac: { clusterAdmin: true, impersonateUsers: true },
        persistence: { enabled: true },
        ingress: { enabled: true, host: 'tideline.example.com', tls: { secretName: 'tideline-tls' } },
        metrics: { serviceMonitor: { enabled: true } },
        watchLabelSelector: 'sharding.fluxcd.io/key in (shard1)',
        oidc: {
          issuer: 'https://login.example.com',
          clientId: 'tideline',
          clientSecret: { existingSecret: 's' },
        },
        access: { grants: [{ role: 'viewer', groups: ['developers'] }] },
      },
    ],
  ])('passes --strict with %s', async (_name, values) => {
    const run = await runHelm(['lint', '--strict', CHART_DIR], values);
    expect(run.stderr).toBe('');
    expect(run.ok).toBe(true);
    expect(run.stdout).toContain('0 chart(s) failed');
  });

  it('refuses values the schema does not allow', async () => {
    const run = await runHelm(['template', 'tideline', CHART_DIR], { logFormat: 'xml' });
    expect(run.ok).toBe(false);
    expect(run.stderr).toContain("at '/logFormat': value must be one of 'json', 'console'");
  });
});

describe('helm template with the default values', () => {
  let objects: RenderedObject[] = [];
  beforeAll(async () => {
    objects = await renderChart();
  });

  it('renders exactly the objects of a least-privilege install', () => {
    expect(objects.map(describeObject).sort()).toEqual(
      [
        'ClusterRole/tideline',
        'ClusterRole/tideline-engine-namespace',
        'ClusterRoleBinding/tideline',
        'ClusterRoleBinding/tideline-engine-namespace',
        'ConfigMap/tideline-kubeconfig',
        'Deployment/tideline',
        'NetworkPolicy/tideline',
        'PodDisruptionBudget/tideline',
        'Role/tideline-leader-election',
        'RoleBinding/tideline-leader-election',
        'Service/tideline',
        'ServiceAccount/tideline',
      ].sort(),
    );
  });

  it('runs `tideline start` on the in-cluster kubeconfig, listening for the Service', () => {
    const args = containerOf(objects).args;
    expect(args.slice(0, 2)).toEqual(['start', '--kubeconfig=/etc/tideline/kubeconfig']);
    expect(args).toEqual(
      expect.arrayContaining([
        '--host=0.0.0.0',
        '--insecure-listen',
        '--port=3000',
        '--state-dir=/var/lib/tideline',
        '--metrics-addr=:8080',
        '--log-format=json',
        '--log-level=info',
        '--shutdown-timeout=30s',
        '--allowed-host=tideline.flux-system.svc',
        '--allowed-host=tideline.flux-system.svc.cluster.local',
      ]),
    );
    for (const flag of ['--observe', '--multi-tenant', '--no-dashboard'])
      expect(args, flag).not.toContain(flag);
    expect(args.some((a) => a.startsWith('--watch-label-selector'))).toBe(false);
    const kubeconfig = findObject(objects, 'ConfigMap') as RenderedObject & { data: { kubeconfig: string } };
    expect(kubeconfig.data.kubeconfig).toContain(
      'tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token',
    );
  });

  it('probes /healthz and /readyz, and runs non-root on a read-only root filesystem', () => {
    const deployment = deploymentOf(objects);
    const pod = deployment.spec.template.spec;
    const container = containerOf(objects);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources.requests).toEqual({ cpu: '100m', memory: '256Mi' });
    expect(container.resources.limits).toEqual({ memory: '1Gi' });
    const mounts = Object.fromEntries(container.volumeMounts.map((m) => [m.mountPath, m.name]));
    expect(mounts).toMatchObject({
      '/var/lib/tideline': 'state',
      '/tmp': 'tmp',
      '/etc/tideline': 'kubeconfig',
    });
    expect(pod.volumes.find((v) => v.name === 'state')?.emptyDir).toBeDefined();
    expect(pod.serviceAccountName).toBe('tideline');
    expect(deployment.spec.strategy).toBeUndefined();
  });

  it('binds no cluster-admin and names every CRD the engine installs, no other', () => {
    const bindings = objects.filter((o) => o.kind === 'ClusterRoleBinding');
    for (const b of bindings)
      expect((b as RenderedObject & { roleRef: { name: string } }).roleRef.name).not.toBe('cluster-admin');
    const crdRule = rulesOf(findObject(objects, 'ClusterRole', 'tideline')).find((r) =>
      r.verbs.includes('patch'),
    );
    const crdNames = rulesOf(findObject(objects, 'ClusterRole', 'tideline')).find(
      (r) => r.resources?.includes('customresourcedefinitions') && r.resourceNames,
    )?.resourceNames;
    expect(crdRule).toBeDefined();
    expect([...(crdNames ?? [])].sort()).toEqual(
      fluxCrds()
        .map((crd) => (crd as { metadata: { name: string } }).metadata.name)
        .sort(),
    );
  });
});

/** What the default least-privilege roles must allow (true) and refuse (false). */
const ACCESS: [AccessRequest, boolean][] = [
  [{ verb: 'list', group: 'kustomize.toolkit.fluxcd.io', resource: 'kustomizations' }, true],
  [{ verb: 'patch', group: 'kustomize.toolkit.fluxcd.io', resource: 'kustomizations/status' }, true],
  [{ verb: 'update', group: 'helm.toolkit.fluxcd.io', resource: 'helmreleases/finalizers' }, true],
  [{ verb: 'create', group: 'source.toolkit.fluxcd.io', resource: 'helmcharts' }, true],
  [{ verb: 'watch', group: 'image.toolkit.fluxcd.io', resource: 'imagepolicies' }, true],
  [{ verb: 'create', group: '', resource: 'events' }, true],
  // The engine creates and patches core/v1 Events only (as Flux's recorder does).
  [{ verb: 'patch', group: '', resource: 'events' }, true],
  [{ verb: 'update', group: '', resource: 'events' }, false],
  [{ verb: 'create', group: 'events.k8s.io', resource: 'events' }, false],
  [{ verb: 'get', group: '', resource: 'secrets' }, true],
  [{ verb: 'list', group: 'apps', resource: 'deployments' }, true],
  [{ verb: 'impersonate', group: '', resource: 'serviceaccounts' }, true],
  [{ verb: 'patch', group: '', resource: 'namespaces', name: 'flux-system' }, true],
  [
    {
      verb: 'patch',
      group: 'apiextensions.k8s.io',
      resource: 'customresourcedefinitions',
      name: 'kustomizations.kustomize.toolkit.fluxcd.io',
    },
    true,
  ],
  [
    {
      verb: 'create',
      group: 'apiextensions.k8s.io',
      resource: 'customresourcedefinitions',
      name: 'helmreleases.helm.toolkit.fluxcd.io',
    },
    true,
  ],
  [{ verb: 'create', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }, false],
  [
    {
      verb: 'patch',
      group: 'apiextensions.k8s.io',
      resource: 'customresourcedefinitions',
      name: 'certificates.cert-manager.io',
    },
    false,
  ],
  [{ verb: 'create', group: 'apps', resource: 'deployments' }, false],
  [{ verb: 'delete', group: '', resource: 'configmaps' }, false],
  [{ verb: 'create', group: '', resource: 'secrets' }, false],
  [{ verb: 'patch', group: '', resource: 'namespaces', name: 'default' }, false],
  [{ verb: 'impersonate', group: '', resource: 'users' }, false],
  [{ verb: 'impersonate', group: '', resource: 'groups' }, false],
  [{ verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }, false],
  [{ verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }, false],
  [{ verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' }, false],
  [
    {
      verb: 'patch',
      group: 'apiextensions.k8s.io',
      resource: 'customresourcedefinitions',
      name: 'certificates.cert-manager.io',
    },
    false,
  ],
];

describe('the least-privilege ClusterRoles', () => {
  let objects: RenderedObject[] = [];
  let clusterRules: PolicyRule[] = [];
  beforeAll(async () => {
    objects = await renderChart();
    clusterRules = objects.filter((o) => o.kind === 'ClusterRole').flatMap(rulesOf);
  });
  it.each(ACCESS)('%j → %s', (request, allowed) => {
    expect(rulesAllow(clusterRules, request)).toBe(allowed);
  });

  it('gives the Lease only in flux-system, where the engine elects its leader', () => {
    const role = findObject(objects, 'Role');
    expect(role.metadata.namespace).toBe('flux-system');
    expect(
      rulesAllow(rulesOf(role), { verb: 'update', group: 'coordination.k8s.io', resource: 'leases' }),
    ).toBe(true);
    expect(
      rulesAllow(clusterRules, { verb: 'update', group: 'coordination.k8s.io', resource: 'leases' }),
    ).toBe(false);
  });
});

describe('single sign-on and access values', () => {
  const grants = [
    { role: 'viewer', groups: ['developers'] },
    { role: 'operator', groups: ['team-a-ops'], namespaces: ['team-a'] },
  ];
  it('passes the provider as flags, the client secret from its Secret, the grants as a mounted policy', async () => {
    const objects = await renderChart({
      oidc: {
        issuer: 'https://login.example.com',
        clientId: 'tideline',
        clientSecret: { existingSecret: 'tideline-oidc' },
        groupsClaim: 'roles',
      },
      access: { grants },
      sessionIdleTimeout: '90m',
    });
    const container = containerOf(objects);
    expect(container.args).toEqual(
      expect.arrayContaining([
        '--oidc-issuer=https://login.example.com',
        '--oidc-client-id=tideline',
        '--oidc-username-claim=email',
        '--oidc-groups-claim=roles',
        '--access-policy=/etc/tideline-access/access.yaml',
        '--session-idle-timeout=90m',
      ]),
    );
    // The client secret never becomes an argument (a flag would show in `ps`).
    expect(container.env).toContainEqual({
      name: 'TIDELINE_OIDC_CLIENT_SECRET',
      valueFrom: { secretKeyRef: { name: 'tideline-oidc', key: 'client-secret' } },
    });
    const policy = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'tideline-access') as
      (RenderedObject & { data: { 'access.yaml': string } }) | undefined;
    expect(parseAccessPolicy(policy?.data['access.yaml'] ?? '')).toEqual(grants);
    expect(container.volumeMounts).toContainEqual({
      name: 'access',
      mountPath: '/etc/tideline-access',
      readOnly: true,
    });
  });

  it('renders no sign-on flags and no policy by default, and refuses an issuer without a client id', async () => {
    const args = containerOf(await renderChart()).args;
    expect(args.some((a) => a.startsWith('--oidc-') || a.startsWith('--access-policy'))).toBe(false);
    expect(args).toContain('--session-idle-timeout=8h');
    await expect(renderChart({ oidc: { issuer: 'https://login.example.com' } })).rejects.toThrow(
      /oidc.clientId is required/,
    );
    await expect(renderChart({ access: { grants: [{ role: 'root', users: ['a'] }] } })).rejects.toThrow();
  });
});

describe('rbac.impersonateUsers', () => {
  it('lets the least-privilege role act as the signed-in user and their groups, nothing more', async () => {
    const objects = await renderChart({ rbac: { impersonateUsers: true } });
    const rules = objects.filter((o) => o.kind === 'ClusterRole').flatMap(rulesOf);
    expect(rulesAllow(rules, { verb: 'impersonate', group: '', resource: 'users' })).toBe(true);
    expect(rulesAllow(rules, { verb: 'impersonate', group: '', resource: 'groups' })).toBe(true);
    expect(rulesAllow(rules, { verb: 'create', group: 'apps', resource: 'deployments' })).toBe(false);
    expect(
      rulesAllow(rules, { verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }),
    ).toBe(false);
  });
});

describe('rulesAllow (the RBAC matching the table above relies on)', () => {
  const rules: PolicyRule[] = [
    { apiGroups: ['a'], resources: ['*'], verbs: ['get'] },
    { apiGroups: [''], resources: ['namespaces'], resourceNames: ['x'], verbs: ['patch'] },
  ];
  it.each<[AccessRequest, boolean]>([
    [{ verb: 'get', group: 'a', resource: 'things/status' }, true],
    [{ verb: 'list', group: 'a', resource: 'things' }, false],
    [{ verb: 'get', group: 'b', resource: 'things' }, false],
    [{ verb: 'patch', group: '', resource: 'namespaces', name: 'x' }, true],
    [{ verb: 'patch', group: '', resource: 'namespaces', name: 'y' }, false],
    [{ verb: 'patch', group: '', resource: 'namespaces' }, false],
  ])('%j → %s', (request, allowed) => expect(rulesAllow(rules, request)).toBe(allowed));
});
