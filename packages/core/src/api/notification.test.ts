import { describe, expect, it } from 'vitest';
import { crdManifest } from './crd.js';
import type { FluxObjectView, GraphWorld } from './kind-definition.js';
import { ReceiverKind, ReceiverSpecSchema } from './notification-v1.js';
import { AlertKind, AlertSpecSchema, ProviderKind, ProviderSpecSchema } from './notification-v1beta3.js';

type Crd = {
  spec: {
    names: { categories: string[] };
    versions: {
      name: string;
      storage: boolean;
      deprecationWarning?: string;
      additionalPrinterColumns: { name: string }[];
    }[];
  };
};

const world = (objects: FluxObjectView[]): GraphWorld => ({
  list: (kind) => objects.filter((o) => o.kind === kind),
});

describe('notification kinds', () => {
  it.each([
    [AlertKind, ['v1beta3', 'v1beta2'], 'v1beta2 Alert is deprecated, upgrade to v1beta3'],
    [ProviderKind, ['v1beta3', 'v1beta2'], 'v1beta2 Provider is deprecated, upgrade to v1beta3'],
    [ReceiverKind, ['v1', 'v1beta2'], 'v1beta2 Receiver is deprecated, upgrade to v1'],
  ])('%#: serves the versions of Flux 2.8 with its warnings and categories', (kind, versions, warning) => {
    const crd = crdManifest(kind) as Crd;
    expect(crd.spec.versions.map((v) => v.name)).toEqual(versions);
    expect(crd.spec.versions[1]?.deprecationWarning).toBe(warning);
    expect(crd.spec.names.categories).toEqual(['all', 'fluxcd', 'fluxcd-notifications']);
  });

  it('prints only Age for Alert and Provider v1beta3, Ready and Status for v1beta2 and Receiver', () => {
    const columns = (kind: typeof AlertKind | typeof ReceiverKind, i: number): string[] =>
      (crdManifest(kind) as Crd).spec.versions[i]?.additionalPrinterColumns.map((c) => c.name) ?? [];
    expect(columns(AlertKind, 0)).toEqual(['Age']);
    expect(columns(AlertKind, 1)).toEqual(['Age', 'Ready', 'Status']);
    expect(columns(ReceiverKind, 0)).toEqual(['Age', 'Ready', 'Status']);
  });

  it('accepts the guide YAML and defaults eventSeverity to info', () => {
    const spec = AlertSpecSchema.parse({
      providerRef: { name: 'slack' },
      eventSeverity: 'info',
      eventSources: [
        { kind: 'Kustomization', name: '*' },
        { kind: 'HelmRelease', name: '*' },
      ],
    });
    expect(spec.eventSources).toHaveLength(2);
    expect(AlertSpecSchema.parse({ providerRef: { name: 'p' }, eventSources: [] }).eventSeverity).toBe(
      'info',
    );
    expect(
      ProviderSpecSchema.safeParse({ type: 'slack', channel: 'deployments', secretRef: { name: 's' } })
        .success,
    ).toBe(true);
  });

  it.each([
    [{ type: 'slack', timeout: '1h' }, false],
    [{ type: 'carrier-pigeon' }, false],
    [{ type: 'nats' }, true],
    [{ type: 'slack', commitStatusExpr: 'event.reason' }, false],
    [{ type: 'github', commitStatusExpr: 'event.reason' }, true],
  ])('validates Provider %j as the CRD does: %s', (spec, ok) => {
    expect(ProviderSpecSchema.safeParse(spec).success).toBe(ok);
  });

  it.each([
    [{ type: 'github', resources: [], secretRef: { name: 't' } }, true],
    [{ type: 'github', resources: [] }, false],
    [{ type: 'generic-oidc', resources: [], secretRef: { name: 't' } }, false],
    [{ type: 'generic', resources: [{ kind: 'Deployment', name: 'x' }], secretRef: { name: 't' } }, false],
  ])('validates Receiver %j as the CRD does: %s', (spec, ok) => {
    expect(ReceiverSpecSchema.safeParse(spec).success).toBe(ok);
  });

  it('joins event sources → Alert → Provider, expanding * by labels in the Alert namespace', () => {
    const ks = (name: string, namespace: string, labels?: Record<string, string>): FluxObjectView => ({
      kind: 'Kustomization',
      metadata: { name, namespace, labels },
    });
    const alert: FluxObjectView = {
      kind: 'Alert',
      metadata: { name: 'a', namespace: 'flux-system' },
      spec: {
        providerRef: { name: 'slack' },
        eventSources: [
          { kind: 'Kustomization', name: '*', matchLabels: { team: 'web' } },
          { kind: 'GitRepository', name: 'repo', namespace: 'other' },
        ],
      },
    };
    const objects = [
      ks('apps', 'flux-system', { team: 'web' }),
      ks('infra', 'flux-system'),
      ks('apps', 'x', { team: 'web' }),
    ];
    expect(AlertKind.edges(alert, world(objects))).toEqual([
      {
        from: { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
        to: { kind: 'Alert', namespace: 'flux-system', name: 'a' },
        type: 'notifies',
      },
      {
        from: { kind: 'GitRepository', namespace: 'other', name: 'repo' },
        to: { kind: 'Alert', namespace: 'flux-system', name: 'a' },
        type: 'notifies',
      },
      {
        from: { kind: 'Alert', namespace: 'flux-system', name: 'a' },
        to: { kind: 'Provider', namespace: 'flux-system', name: 'slack' },
        type: 'notifies',
      },
    ]);
  });

  it('joins a Receiver to what it triggers and shows its path and last request', () => {
    const receiver: FluxObjectView = {
      kind: 'Receiver',
      metadata: { name: 'gh', namespace: 'flux-system' },
      spec: { type: 'github', resources: [{ kind: 'GitRepository', name: 'flux-system' }] },
      status: { webhookPath: '/hook/abc', lastRequest: { time: 't', status: 200, annotated: 1 } },
    };
    expect(ReceiverKind.edges(receiver, world([]))).toEqual([
      {
        from: { kind: 'Receiver', namespace: 'flux-system', name: 'gh' },
        to: { kind: 'GitRepository', namespace: 'flux-system', name: 'flux-system' },
        type: 'triggers',
      },
    ]);
    const facts = ReceiverKind.display.facts?.(receiver) ?? [];
    expect(facts.find((f) => f.label === 'Webhook URL')?.value).toBe('<this server>/hook/abc');
    expect(facts.find((f) => f.label === 'Last request')?.value).toBe('t: HTTP 200, 1 object(s) annotated');
  });

  it('shows an Alert provider link and a Provider address without credentials', () => {
    const provider: FluxObjectView = {
      kind: 'Provider',
      metadata: { name: 'hook', namespace: 'ns' },
      spec: { type: 'generic', address: 'https://user:s3cret@example.com/hook' },
    };
    const facts = ProviderKind.display.facts?.(provider) ?? [];
    expect(JSON.stringify(facts)).not.toContain('s3cret');
    const nats = ProviderKind.display.facts?.({
      kind: 'Provider',
      metadata: { name: 'n' },
      spec: { type: 'nats' },
    });
    expect(nats?.[0]?.value).toBe('nats (not supported by Tideline: nothing is delivered)');
    const alertFacts =
      AlertKind.display.facts?.({
        kind: 'Alert',
        metadata: { name: 'a', namespace: 'ns' },
        spec: { providerRef: { name: 'hook' }, eventSources: [] },
      }) ?? [];
    expect(alertFacts[0]).toMatchObject({ label: 'Provider', value: 'hook', objectId: 'Provider/ns/hook' });
  });
});
