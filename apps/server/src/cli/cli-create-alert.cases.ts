import { expect, it } from 'vitest';
import { fx } from '../testing/cli-suite.js';

/** Registers the CLI integration cases of `create alert-provider` and `create alert`. */
export function createAlertCases(): void {
  it('create alert-provider and alert print flux’s YAML with --export, apply, and are ready', async () => {
    const providerArgs = [
      'create',
      'alert-provider',
      'slack',
      '--type',
      'slack',
      '--channel',
      'general',
      '--address',
      'https://hooks.slack.com/services/mock',
      '--secret-ref',
      'webhook-url',
    ];
    expect((await fx.cli(...providerArgs, '--export')).stdout).toBe(
      [
        '---',
        'apiVersion: notification.toolkit.fluxcd.io/v1beta3',
        'kind: Provider',
        'metadata:',
        '  name: slack',
        '  namespace: flux-system',
        'spec:',
        '  address: https://hooks.slack.com/services/mock',
        '  channel: general',
        '  secretRef:',
        '    name: webhook-url',
        '  type: slack',
        '',
      ].join('\n'),
    );
    const alertArgs = [
      'create',
      'alert',
      'a',
      '--provider-ref',
      'slack',
      '--event-severity',
      'info',
      '--event-source',
      'Kustomization/flux-system,GitRepository/*',
    ];
    expect((await fx.cli(...alertArgs, '--export')).stdout).toBe(
      [
        '---',
        'apiVersion: notification.toolkit.fluxcd.io/v1beta3',
        'kind: Alert',
        'metadata:',
        '  name: a',
        '  namespace: flux-system',
        'spec:',
        '  eventSeverity: info',
        '  eventSources:',
        '  - kind: Kustomization',
        '    name: flux-system',
        '  - kind: GitRepository',
        "    name: '*'",
        '  providerRef:',
        '    name: slack',
        '',
      ].join('\n'),
    );
    const provider = await fx.cli(...providerArgs);
    expect([provider.code, provider.stderr]).toEqual([
      0,
      '✚ generating Provider\n► applying Provider\n✔ Provider created\n◎ waiting for Provider reconciliation\n✔ Provider slack is ready\n',
    ]);
    const alert = await fx.cli(...alertArgs);
    expect([alert.code, alert.stderr]).toEqual([
      0,
      '✚ generating Alert\n► applying Alert\n✔ Alert created\n◎ waiting for Alert reconciliation\n✔ Alert a is ready\n',
    ]);
    const missing = await fx.cli('create', 'alert', 'b', '--provider-ref', 'slack');
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([
      2,
      '✗ at least one event source is required',
    ]);
  });
}
