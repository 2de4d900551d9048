import { GUIDE_NOTIFICATIONS_YAML } from './notifications.js';

/** The demo's image repository on the sandbox registry, and the tags pushed at start. */
export const DEMO_IMAGE_REPOSITORY = 'my-app';
export const DEMO_IMAGE_TAGS: readonly string[] = ['v1.0.0', '2.0.0'];

/**
 * The demo repository, laid out like the guide (shared/seed/fluxcd-gitops-guide.md): a
 * `flux-system` sync for `clusters/production`, which creates the `apps` source and
 * Kustomization, which deploys `my-app` through the production overlay, the guide's image
 * automation, which keeps `my-app`'s image at the newest 1.x tag on the sandbox registry, and
 * (with a chart repository) the `infrastructure` Kustomization, which installs podinfo with a
 * HelmRelease. Pure.
 */
export function demoRepositoryFiles(
  gitUrl: string,
  registryHost: string,
  chartRepoUrl?: string,
): Record<string, string> {
  return {
    ...(chartRepoUrl ? infrastructureFiles(chartRepoUrl) : {}),
    'README.md':
      '# Tideline demo\n\nA GitOps repository laid out as Flux bootstrap does. Edit and push; Tideline applies it.\n',
    'clusters/production/flux-system/gotk-sync.yaml': gotkSync(gitUrl),
    'clusters/production/flux-system/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-sync.yaml\n',
    'clusters/production/apps.yaml': appsSync(gitUrl),
    'clusters/production/notifications.yaml': GUIDE_NOTIFICATIONS_YAML,
    [IMAGE_AUTOMATION_PATH]: imageAutomation(registryHost),
    [DEPLOYMENT_PATH]: deployment(registryHost),
    'apps/base/my-app/service.yaml': SERVICE,
    'apps/base/my-app/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - service.yaml\n',
    'apps/production/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: production\n',
    'apps/production/kustomization.yaml': PRODUCTION_OVERLAY,
  };
}

/** The file that points the HelmRepository at the chart repository (its URL follows the sandbox). */
export const CHART_REPOSITORY_PATH = 'infrastructure/base/podinfo/helmrepository.yaml';

/**
 * The guide's infrastructure part: `clusters/production/infrastructure.yaml` (a Kustomization
 * of `./infrastructure/production`), a HelmRepository on the sandbox chart repository and a
 * HelmRelease of podinfo with values and a version range, as the guide's ingress-nginx has. Pure.
 */
export function infrastructureFiles(chartRepoUrl: string): Record<string, string> {
  return {
    'clusters/production/infrastructure.yaml': INFRASTRUCTURE_SYNC,
    'infrastructure/base/podinfo/namespace.yaml':
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: podinfo\n',
    [CHART_REPOSITORY_PATH]: helmRepository(chartRepoUrl),
    'infrastructure/base/podinfo/helmrelease.yaml': HELM_RELEASE,
    'infrastructure/base/podinfo/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\n  - helmrepository.yaml\n  - helmrelease.yaml\n',
    'infrastructure/production/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/podinfo\n',
  };
}

/** The HelmRepository of the demo charts. */
export function helmRepository(url: string): string {
  return `# infrastructure/base/podinfo/helmrepository.yaml
# Add the sandbox Helm repository
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: podinfo
  namespace: flux-system
spec:
  interval: 1h
  url: ${url}
`;
}

const INFRASTRUCTURE_SYNC = `# clusters/production/infrastructure.yaml
# Tell Flux where to find the infrastructure
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: infrastructure
  namespace: flux-system
spec:
  interval: 10m
  sourceRef:
    kind: GitRepository
    name: flux-system
  path: ./infrastructure/production
  prune: true
  timeout: 5m
`;

const HELM_RELEASE = `# infrastructure/base/podinfo/helmrelease.yaml
# Install podinfo via Helm
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: podinfo
spec:
  interval: 30m
  chart:
    spec:
      chart: podinfo
      version: "6.2.x"
      sourceRef:
        kind: HelmRepository
        name: podinfo
        namespace: flux-system
  # Helm values for customization
  values:
    replicaCount: 2
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
`;

/** The path of the file that records the Git URL the cluster pulls from. */
export const GOTK_SYNC_PATH = 'clusters/production/flux-system/gotk-sync.yaml';

/** The guide's image automation, and the Deployment whose image it updates. */
export const IMAGE_AUTOMATION_PATH = 'clusters/production/image-automation.yaml';
export const DEPLOYMENT_PATH = 'apps/base/my-app/deployment.yaml';

/** `<registryHost>/my-app`, the image the demo scans and deploys. Pure. */
export function demoImage(registryHost: string): string {
  return `${registryHost}/${DEMO_IMAGE_REPOSITORY}`;
}

/**
 * The guide's `clusters/production/image-automation.yaml` with the image on the sandbox
 * registry, which speaks plain HTTP (`insecure: true`), scanned every minute instead of every
 * five so a pushed tag shows up soon.
 */
export function imageAutomation(registryHost: string): string {
  return `# clusters/production/image-automation.yaml
# Scan the container registry for new images
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata:
  name: my-app
  namespace: flux-system
spec:
  image: ${demoImage(registryHost)}
  interval: 1m
  # The sandbox registry speaks plain HTTP.
  insecure: true
---
# Define which tags to track using a semver policy
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata:
  name: my-app
  namespace: flux-system
spec:
  imageRepositoryRef:
    name: my-app
  policy:
    semver:
      # Track any version in the 1.x range
      range: "1.x"
---
# Automatically commit image updates back to Git
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageUpdateAutomation
metadata:
  name: my-app
  namespace: flux-system
spec:
  interval: 30m
  sourceRef:
    kind: GitRepository
    name: apps
  git:
    checkout:
      ref:
        branch: main
    commit:
      author:
        name: fluxcdbot
        email: flux@myorg.com
      messageTemplate: "chore: update my-app to {{range .Changed.Changes}}{{.NewValue}}{{end}}"
    push:
      branch: main
  update:
    path: ./apps
    strategy: Setters
`;
}

/** Flux bootstrap's sync manifest: GitRepository + Kustomization `flux-system`. */
export function gotkSync(gitUrl: string): string {
  return `# This manifest was generated by tideline. DO NOT EDIT.
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  url: ${gitUrl}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./clusters/production
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;
}

function appsSync(gitUrl: string): string {
  return `# clusters/production/apps.yaml
# Tell Flux where to find application manifests
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 1m
  url: ${gitUrl}
  ref:
    branch: main
---
# Tell Flux which path to reconcile
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  sourceRef:
    kind: GitRepository
    name: apps
  path: ./apps/production
  prune: true
  timeout: 5m
`;
}

/** `apps/base/my-app/deployment.yaml` with the guide's marker on its image. Pure. */
export function deployment(registryHost: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
  labels:
    app: my-app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: my-app
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
        - name: my-app
          image: ${demoImage(registryHost)}:v1.0.0 # {"$imagepolicy": "flux-system:my-app"}
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            initialDelaySeconds: 10
`;
}

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: my-app
spec:
  selector:
    app: my-app
  ports:
    - port: 80
      targetPort: 8080
`;

const PRODUCTION_OVERLAY = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - namespace.yaml
  - ../base/my-app
namespace: production
patches:
  - target:
      kind: Deployment
      name: my-app
    patch: |
      - op: replace
        path: /spec/replicas
        value: 3
`;
