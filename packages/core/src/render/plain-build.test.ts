import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifests } from '../controllers/kustomization/manifests.js';
import { pinnedKubectl } from '../testing/cluster-fixture.js';
import { kustomizeBuild } from './kustomize.js';
import { plainBuild } from './plain-build.js';

// Differential test: for every plain directory below, the in-process build must give exactly
// the objects, in exactly the order, that the pinned `kubectl kustomize` prints.

const root = mkdtempSync(join(tmpdir(), 'plain-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

function tree(files: Record<string, string>): string {
  const dir = join(root, String(counter++));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const kustomization = (...resources: string[]): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join('')}`;

async function kustomize(dir: string): Promise<unknown[]> {
  return parseManifests(await kustomizeBuild(dir, { kubectlBin: pinnedKubectl(), timeoutMs: 30_000 }));
}

const MAX = 32 * 1024 * 1024;

const SAME_AS_KUSTOMIZE: Record<string, Record<string, string>> = {
  'the MTTP app (Deployment, ServiceAccount, Service, Ingress)': {
    'kustomization.yaml': kustomization(
      'deployment.yaml',
      'serviceaccount.yaml',
      'service.yaml',
      'ingress.yaml',
    ),
    'serviceaccount.yaml':
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: apps\n',
    'deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: apps\nspec:\n  replicas: 0\n  selector:\n    matchLabels:\n      app: app\n  template:\n    metadata:\n      labels:\n        app: app\n    spec:\n      serviceAccountName: app\n      containers:\n        - name: app\n          image: ghcr.io/stefanprodan/podinfo:6.2.2\n          resources:\n            limits: {cpu: 100m, memory: 128Mi}\n          ports:\n            - containerPort: 9898\n',
    'service.yaml':
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\n  namespace: apps\nspec:\n  ports:\n    - port: 80\n      targetPort: 9898\n      protocol: TCP\n',
    'ingress.yaml':
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app\n  namespace: apps\nspec:\n  rules:\n    - host: app.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: app\n                port:\n                  number: 80\n',
  },
  'legacy kind order across files, namespaces, groups, unknown kinds and webhooks': {
    'kustomization.yaml': kustomization('b.yaml', 'a.yaml', './sub/c.yml'),
    'a.yaml':
      '# leading comment\n---\napiVersion: v1\nkind: Service\nmetadata: {name: zz, namespace: x}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\n',
    'b.yaml':
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: v}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: aa, namespace: y}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: x}\ndata: {k: v}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cr}\nrules: []\n',
    'sub/c.yml':
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n---\napiVersion: other.io/v1\nkind: Widget\nmetadata: {name: w}\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata: {name: m}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: aa, namespace: x}\n',
  },
  'scalars: quoting, YAML 1.1 words, nulls, block scalars, escapes, empty collections': {
    'kustomization.yaml': 'resources: [cm.yaml]\n',
    'cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n  labels: {}\n  annotations:\n    a: "yes"\n    b: on\n    c: "0755"\n    d: y\n    e: No\n    f: "2001-12-14"\n    g: \'single\'\ndata:\n  block: |\n    line one\n    line two\n  folded: >-\n    folded\n    text\n  unicode: "caf\\u00e9 ✓"\n  empty: ""\n  version: v1.2.3\nbinaryData: null\nextra:\n  list: [1, -2, 3.5, true, false, null, ~, "x"]\n  nested: {a: [], b: {}}\n',
  },
  'empty files and comment-only documents': {
    'kustomization.yaml': 'resources: [a.yaml, b.yaml]\n',
    'a.yaml': '',
    'b.yaml': '---\n# only a comment\n---\n',
  },
};

describe('plainBuild matches kubectl kustomize', () => {
  for (const [name, files] of Object.entries(SAME_AS_KUSTOMIZE)) {
    it(name, async () => {
      const dir = tree(files);
      const plain = await plainBuild(dir, { maxBytes: MAX });
      expect(plain).toBeDefined();
      expect(plain).toEqual(await kustomize(dir));
    });
  }
});

const LEFT_TO_KUSTOMIZE: Record<string, Record<string, string>> = {
  'a kustomization file listing no resources (kustomize: "kustomization.yaml is empty")': {
    'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
  },
  'a kustomization with any other key': {
    'kustomization.yaml': 'namespace: x\nresources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
  },
  'a directory in resources': {
    'kustomization.yaml': 'resources: [sub]\n',
    'sub/kustomization.yaml': 'resources: []\n',
  },
  'a remote resource': { 'kustomization.yaml': 'resources: [https://example.com/a.yaml]\n' },
  'a parent path': { 'kustomization.yaml': 'resources: [../a.yaml]\n' },
  'anchors and aliases': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: &v one, y: *v}\n',
  },
  'an explicit tag': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: !!str 1}\n',
  },
  'a YAML 1.1 octal': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nx: 0755\n',
  },
  'a number with underscores': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nx: 1_000\n',
  },
  'an exponent': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nx: 1e3\n',
  },
  'a plain timestamp': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nx: 2001-12-14\n',
  },
  'a capitalised boolean': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nx: True\n',
  },
  'a merge key': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nx: {<<: {a: 1}}\n',
  },
  'a List kind': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: List\nmetadata: {name: l}\nitems: []\n',
  },
  'an object without a name': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n',
  },
  'two objects with one id (no namespace and `default`)': {
    'kustomization.yaml': 'resources: [a.yaml]\n',
    'a.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n',
  },
  'broken YAML': { 'kustomization.yaml': 'resources: [a.yaml]\n', 'a.yaml': 'apiVersion: v1\nkind: [\n' },
  'a missing manifest': { 'kustomization.yaml': 'resources: [a.yaml]\n' },
  'no kustomization file': { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' },
};

describe('plainBuild leaves everything else to kustomize', () => {
  for (const [name, files] of Object.entries(LEFT_TO_KUSTOMIZE)) {
    it(name, async () => {
      expect(await plainBuild(tree(files), { maxBytes: MAX })).toBeUndefined();
    });
  }

  it('a symlinked manifest', async () => {
    const dir = tree({
      'kustomization.yaml': 'resources: [a.yaml]\n',
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    });
    symlinkSync('b.yaml', join(dir, 'a.yaml'));
    expect(await plainBuild(dir, { maxBytes: MAX })).toBeUndefined();
  });

  it('stops at the byte cap', async () => {
    const dir = tree({
      'kustomization.yaml': 'resources: [a.yaml]\n',
      'a.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "${'x'.repeat(2000)}"}\n`,
    });
    expect(await plainBuild(dir, { maxBytes: 1000 })).toBeUndefined();
    expect(await plainBuild(dir, { maxBytes: 10_000 })).toHaveLength(1);
  });
});
