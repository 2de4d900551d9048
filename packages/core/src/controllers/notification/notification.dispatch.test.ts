import { createHmac } from 'node:crypto';
import { startWebhookSink, type WebhookSink } from '../../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
let sink: WebhookSink;
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

/** `clusters/production/notifications.yaml` of the guide, verbatim. */
const GUIDE_NOTIFICATIONS = `# clusters/production/notifications.yaml
# Send alerts to Slack
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata:
  name: slack
  namespace: flux-system
spec:
  type: slack
  channel: deployments
  secretRef:
    name: slack-webhook
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata:
  name: deployment-alerts
  namespace: flux-system
spec:
  providerRef:
    name: slack
  eventSeverity: info
  eventSources:
    - kind: Kustomization
      name: "*"
    - kind: HelmRelease
      name: "*"
`;

type CoreEvent = KubeObject & {
  reason: string;
  message: string;
  type: string;
  involvedObject: { kind: string; name: string };
};

async function applyYaml(text: string, namespace?: string): Promise<void> {
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS() as KubeObject;
    if (namespace) obj.metadata.namespace = namespace;
    await fx.resources.apply(obj, { fieldManager: 'test' });
  }
}

async function secret(namespace: string, name: string, data: Record<string, string>): Promise<void> {
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, stringData: data } as KubeObject,
    { fieldManager: 'test' },
  );
}

async function alertEvents(namespace: string, name: string): Promise<CoreEvent[]> {
  const list = await fx.resources.list<CoreEvent>('v1', 'Event', { namespace });
  return list.items.filter((e) => e.involvedObject.kind === 'Alert' && e.involvedObject.name === name);
}

async function waitForAlertEvent(namespace: string, name: string, reason: string): Promise<CoreEvent> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const hit = (await alertEvents(namespace, name)).find((e) => e.reason === reason);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no ${reason} event on Alert ${namespace}/${name}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A new commit and a reconcile request: a new revision makes a new event (a new dedup key). */
/**
 * Pushes until the sink has `count` matching requests: the engine's Alert informer may not have
 * seen an Alert applied a moment ago (Flux's cached client has the same lag), and each push is
 * a new revision, so a new event that is not a duplicate.
 */
async function untilDelivered(
  content: string,
  count: number,
  filter: (r: { path: string }) => boolean,
): Promise<Awaited<ReturnType<WebhookSink['waitFor']>>> {
  for (let attempt = 0; ; attempt += 1) {
    await pushAndFetch(`${content}-${attempt}`);
    const hits = await sink.waitFor(count, filter, 5000).catch((error: unknown) => {
      if (attempt >= 4) throw error;
      return undefined;
    });
    if (hits) return hits;
  }
}

async function pushAndFetch(content: string): Promise<void> {
  await repo.commit({ 'notes.txt': content }, `note ${content}`);
  await fx.resources.mergePatch(
    { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: 'default', name: 'repo' },
    { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': `${Date.now()}` } } },
  );
}

beforeAll(async () => {
  sink = await startWebhookSink();
  fx = await startClusterFixture({
    engine: { notifications: { retry: { retryMax: 4, waitMinMs: 20, waitMaxMs: 100 } } },
  });
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'flux-system' } } as KubeObject,
    {
      fieldManager: 'test',
    },
  );
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ntf-test'));
  await repo.commit({
    'apps/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ntf\n  namespace: default\ndata:\n  k: v\n',
  });
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
  await sink?.stop();
});

describe('notifications', () => {
  it('delivers the guide YAML verbatim to Slack: Kustomization events, never the commit-status one', async () => {
    await secret('flux-system', 'slack-webhook', { address: `${sink.url}/slack` });
    await applyYaml(GUIDE_NOTIFICATIONS);
    // The guide's Alert watches flux-system; this Kustomization lives there too.
    await applyKs('apps', { path: './apps' });
    await waitForObject(fx.resources, ksRef('apps'), (o) => ready(o)?.status === 'True');
    await applyYaml(
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: web\n  namespace: flux-system\nspec:\n  interval: 10m\n  prune: true\n  path: ./apps\n  sourceRef:\n    kind: GitRepository\n    name: repo\n    namespace: default\n`,
    );
    const [hit] = await sink.waitFor(1, (r) => r.path === '/slack');
    const body = JSON.parse(hit?.body ?? '{}') as { attachments: Record<string, unknown>[] };
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(body).toMatchObject({
      channel: 'deployments',
      username: 'kustomize-controller',
      icon_url: '',
      icon_emoji: '',
    });
    const attachment = body.attachments[0] ?? {};
    expect(attachment).toMatchObject({
      color: 'good',
      author_name: 'kustomization/web.flux-system',
      mrkdwn_in: ['text'],
    });
    expect(String(attachment.text)).toContain('ConfigMap/default/ntf');
    expect(attachment.fields).toEqual([
      { title: 'revision', value: expect.stringMatching(/^main@sha1:[0-9a-f]{40}$/), short: false },
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.requests().some((r) => r.body.includes('Reconciliation finished'))).toBe(false);
  });

  it('signs generic-hmac bodies, retries 5xx, and gives up on 4xx with the token masked', async () => {
    sink.clear();
    await secret('default', 'hmac', { address: `${sink.url}/hmac`, token: 'hmac-s3cret' });
    await applyYaml(`apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: hmac, namespace: default }
spec: { type: generic-hmac, secretRef: { name: hmac } }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: hmac, namespace: default }
spec:
  providerRef: { name: hmac }
  eventSources: [{ kind: GitRepository, name: repo }]
`);
    sink.respondWith({ status: 503, times: 2, path: '/hmac' });
    const hits = await untilDelivered('one', 3, (r) => r.path === '/hmac');
    expect(hits.map((h) => h.body)).toEqual([hits[0]?.body, hits[0]?.body, hits[0]?.body]);
    const last = hits[2];
    const expected = createHmac('sha256', 'hmac-s3cret')
      .update(last?.body ?? '')
      .digest('hex');
    expect(last?.headers['x-signature']).toBe(`sha256=${expected}`);
    expect(last?.headers['gotk-component']).toBe('source-controller');
    const event = JSON.parse(last?.body ?? '{}') as Record<string, unknown>;
    expect(Object.keys(event)).toEqual([
      'involvedObject',
      'severity',
      'timestamp',
      'message',
      'reason',
      'metadata',
      'reportingController',
      'reportingInstance',
    ]);
    expect(event.metadata).toEqual({ revision: expect.stringMatching(/^main@sha1:/) });

    sink.clear();
    sink.respondWith({ status: 400, body: 'bad hmac-s3cret', times: 1, path: '/hmac' });
    await pushAndFetch('two');
    const failed = await waitForAlertEvent('default', 'hmac', 'NotificationDispatchFailed');
    expect(sink.requests().filter((r) => r.path === '/hmac')).toHaveLength(1);
    expect(failed.message).toMatch(
      /^failed to send notification for GitRepository\/default\/repo: postMessage failed: request failed: request failed with status code 400: bad \*\*\*\*\*$/,
    );
  });

  it('records the last delivery on the Provider; reports a missing Secret and an unsupported type; skips suspended ones', async () => {
    const hmac = await waitForObject<
      KubeObject & { status?: { lastDelivery?: { result: string; message?: string } } }
    >(
      fx.resources,
      {
        apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
        kind: 'Provider',
        namespace: 'default',
        name: 'hmac',
      },
      (o) => o.status?.lastDelivery?.result === 'Failed',
    );
    expect(hmac.status?.lastDelivery?.message).not.toContain('hmac-s3cret');
    sink.clear();
    await applyYaml(`apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: gone, namespace: default }
spec: { type: generic, secretRef: { name: gone } }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: nats, namespace: default }
spec: { type: nats, address: "nats://127.0.0.1:4222" }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: quiet, namespace: default }
spec: { type: generic, address: "${sink.url}/quiet", suspend: true }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: gone, namespace: default }
spec: { providerRef: { name: gone }, eventSources: [{ kind: GitRepository, name: "*" }] }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: nats, namespace: default }
spec: { providerRef: { name: nats }, eventSources: [{ kind: GitRepository, name: "*" }] }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: quiet, namespace: default }
spec: { providerRef: { name: quiet }, eventSources: [{ kind: GitRepository, name: "*" }] }
`);
    await untilDelivered('three', 1, (r) => r.path === '/hmac');
    const gone = await waitForAlertEvent('default', 'gone', 'NotificationDispatchFailed');
    expect(gone.message).toMatch(
      /^failed to dispatch notification for GitRepository\/default\/repo: failed to get secret 'default\/gone': /,
    );
    const nats = await waitForAlertEvent('default', 'nats', 'NotificationDispatchFailed');
    expect(nats.message).toContain(
      "failed to initialize notifier for provider 'nats': failed to initialize notifier: provider nats not supported by Tideline",
    );
    expect(sink.requests().some((r) => r.path === '/quiet')).toBe(false);
  });
});
