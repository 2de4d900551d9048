/** The files of one benchmark app: what Flux's MTTP benchmark deploys. Pure. */
export function appFiles(i: number): Record<string, string> {
  const name = `app-${i}`;
  return {
    [`apps/${name}/kustomization.yaml`]:
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - serviceaccount.yaml\n  - service.yaml\n  - ingress.yaml\n',
    [`apps/${name}/serviceaccount.yaml`]: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: apps\n`,
    [`apps/${name}/deployment.yaml`]: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: apps
spec:
  replicas: 0
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: app
          image: ghcr.io/stefanprodan/podinfo:6.2.2
          ports:
            - containerPort: 9898
`,
    [`apps/${name}/service.yaml`]: `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: apps
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: 9898
      protocol: TCP
`,
    [`apps/${name}/ingress.yaml`]: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: apps
spec:
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  number: 80
`,
    // The CI baseline applies the same app into another namespace.
    [`baseline/${name}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ci\nresources:\n  - ../../apps/${name}\n`,
  };
}

/** The Kustomization object of app `i`. Pure. */
export function appKustomization(i: number): Record<string, unknown> {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: `app-${i}`, namespace: 'flux-system' },
    spec: {
      interval: '1h',
      prune: true,
      path: `./apps/app-${i}`,
      sourceRef: { kind: 'GitRepository', name: 'bench' },
    },
  };
}
