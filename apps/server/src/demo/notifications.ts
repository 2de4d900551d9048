import { randomBytes } from 'node:crypto';
import { RECONCILE_REQUESTED_ANNOTATION, webhookPath, type KubeObject, type Resources } from '@tideline/core';
import { readState, setSandboxPushWebhook } from '@tideline/sandbox';

/** `clusters/production/notifications.yaml` of the guide, unchanged. */
export const GUIDE_NOTIFICATIONS_YAML = `# clusters/production/notifications.yaml
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

const RECEIVER = {
  apiVersion: 'notification.toolkit.fluxcd.io/v1',
  kind: 'Receiver',
  namespace: 'flux-system',
  name: 'flux-system',
};

async function apply(resources: Resources, obj: Record<string, unknown>): Promise<void> {
  await resources.apply(obj as unknown as KubeObject, { fieldManager: 'tideline-demo' });
}

/**
 * The demo's notification plumbing: the guide's `slack-webhook` Secret pointing at the sandbox
 * webhook sink, and a GitHub-type Receiver for the demo repository whose URL the sandbox Git
 * server calls on every push (as GitHub would), so a push reconciles in seconds.
 */
export async function setUpDemoNotifications(
  resources: Resources,
  sandboxDir: string,
  serverUrl: string,
  log: (line: string) => void,
): Promise<void> {
  const sink = readState(sandboxDir)?.webhookSinkUrl;
  if (sink) {
    await apply(resources, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'slack-webhook', namespace: 'flux-system' },
      stringData: { address: `${sink}/slack` },
    });
  }
  // The token is kept across restarts, so the webhook path (and the push hook) stays the same.
  const existing = await resources.get<KubeObject & { data?: Record<string, string> }>({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace: 'flux-system',
    name: 'receiver-token',
  });
  const kept = existing?.data?.token ? Buffer.from(existing.data.token, 'base64').toString('utf8') : '';
  const token = kept || randomBytes(24).toString('hex');
  const expected = webhookPath(token, RECEIVER.name, RECEIVER.namespace);
  await apply(resources, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'receiver-token', namespace: 'flux-system' },
    stringData: { token },
  });
  await apply(resources, {
    apiVersion: RECEIVER.apiVersion,
    kind: 'Receiver',
    metadata: { name: RECEIVER.name, namespace: RECEIVER.namespace },
    spec: {
      type: 'github',
      events: ['ping', 'push'],
      secretRef: { name: 'receiver-token' },
      // Both sources of the demo repository: the cluster sync and the guide's `apps`.
      resources: [
        { kind: 'GitRepository', name: 'flux-system' },
        { kind: 'GitRepository', name: 'apps' },
      ],
    },
  });
  // A new token shows in the path only after a reconcile: ask for one, as `flux reconcile` would.
  await resources.mergePatch(RECEIVER, {
    metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: new Date().toISOString() } },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const receiver = await resources.get<KubeObject & { status?: { webhookPath?: string } }>(RECEIVER);
    if (receiver?.status?.webhookPath === expected) break;
    if (Date.now() > deadline) throw new Error('the demo Receiver did not publish its webhook path');
    await new Promise((r) => setTimeout(r, 250));
  }
  const path = expected;
  await setSandboxPushWebhook(sandboxDir, 'flux-system', { url: `${serverUrl}${path}`, secret: token });
  log(`✔ Receiver flux-system/flux-system: pushes to the demo repository call ${serverUrl}${path}`);
  if (sink) log(`✔ Alert deployment-alerts posts to the webhook sink (${sink}/_sink/requests lists them)`);
}
