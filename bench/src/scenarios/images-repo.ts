/** Files and objects of the image automation benchmarks. Pure. */

export const NAMESPACE = 'flux-system';
const IMAGE_API = 'image.toolkit.fluxcd.io/v1';

/** A Deployment in namespace `bench` whose container images carry the guide's marker. */
export function markedDeployment(name: string, image: string, containers: number, replicas = 0): string {
  const list = Array.from(
    { length: containers },
    (_, i) =>
      `        - name: c${i}\n          image: ${image} # {"$imagepolicy": "${NAMESPACE}:app"}\n          ports:\n            - containerPort: ${8080 + i}\n`,
  ).join('');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: bench
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
${list}`;
}

/** The loop's repository: one marked Deployment (one pod) and its namespace under `apps/`. */
export function loopFiles(image: string): Record<string, string> {
  return {
    'apps/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n',
    'apps/deployment.yaml': markedDeployment('app', image, 1, 1),
    'apps/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\n  - deployment.yaml\n',
  };
}

/**
 * `files` files under `apps/` holding `markers` markers between them (the first files get one
 * more when they do not divide evenly): 200 files and 500 markers is 100 files of 3 and 100 of 2.
 */
export function setterFiles(image: string, files: number, markers: number): Record<string, string> {
  const base = Math.floor(markers / files);
  const extra = markers % files;
  return Object.fromEntries(
    Array.from({ length: files }, (_, i) => [
      `apps/app-${String(i).padStart(3, '0')}.yaml`,
      markedDeployment(`app-${i}`, image, base + (i < extra ? 1 : 0)),
    ]),
  );
}

/** The guide's three objects (at v1) for `image`, automating GitRepository `bench` on `main`. */
export function imageObjects(
  image: string,
  scanInterval: string,
): { repository: object; policy: object; automation: object } {
  const metadata = { name: 'app', namespace: NAMESPACE };
  return {
    repository: {
      apiVersion: IMAGE_API,
      kind: 'ImageRepository',
      metadata,
      spec: { image, interval: scanInterval, insecure: true },
    },
    policy: {
      apiVersion: IMAGE_API,
      kind: 'ImagePolicy',
      metadata,
      spec: { imageRepositoryRef: { name: 'app' }, policy: { semver: { range: '1.x' } } },
    },
    automation: {
      apiVersion: IMAGE_API,
      kind: 'ImageUpdateAutomation',
      metadata,
      spec: {
        interval: '1h',
        sourceRef: { kind: 'GitRepository', name: 'bench' },
        git: {
          checkout: { ref: { branch: 'main' } },
          commit: {
            author: { name: 'fluxcdbot', email: 'flux@bench.local' },
            messageTemplate: 'chore: update images\n{{range .Changed.Changes}}{{.NewValue}}\n{{end}}',
          },
          push: { branch: 'main' },
        },
        update: { path: './apps', strategy: 'Setters' },
      },
    },
  };
}
