import { describe, expect, it } from 'vitest';
import { toDetail, toSummary, type FluxResource } from './to-dto.js';

const git: FluxResource = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: { name: 'podinfo', namespace: 'flux-system', generation: 2, resourceVersion: '7' },
  spec: { url: 'https://user:s3cr3t@git.example.com/podinfo.git', ref: { tag: '6.2.1' }, interval: '1m' },
  status: {
    observedGeneration: 2,
    artifact: { revision: '6.2.1@sha1:0123' },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Succeeded',
        message: "stored artifact for revision '6.2.1@sha1:0123'",
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
  },
};

describe('DTOs from the kind registry', () => {
  it('reads the revision a kind defines', () => {
    expect(toSummary(git).revision).toBe('6.2.1@sha1:0123');
    const ks = {
      ...git,
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      status: { lastAppliedRevision: 'main@sha1:abcd' },
    };
    expect(toSummary(ks).revision).toBe('main@sha1:abcd');
  });

  it('shows Alert and Provider Ready as flux get does (they have no status)', () => {
    const alert: FluxResource = {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      metadata: { name: 'a', namespace: 'flux-system' },
      spec: { providerRef: { name: 'slack' }, eventSources: [] },
    };
    expect(toSummary(alert)).toMatchObject({ ready: 'True', readyMessage: 'Alert is Ready', state: 'ready' });
    expect(toSummary({ ...alert, kind: 'Receiver' })).toMatchObject({
      ready: 'Unknown',
      readyMessage: 'waiting to be reconciled',
    });
  });

  it('adds the kind facts with credentials in URLs redacted', () => {
    const detail = toDetail(git, []);
    expect(detail.facts).toEqual([
      { label: 'URL', value: 'https://***@git.example.com/podinfo.git', mono: true },
      { label: 'Reference', value: 'tag 6.2.1' },
    ]);
    expect(JSON.stringify(detail)).not.toContain('s3cr3t');
    expect(detail.specYaml).toContain('https://***@git.example.com/podinfo.git');
  });
});
