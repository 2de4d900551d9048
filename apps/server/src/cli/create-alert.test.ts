import { describe, expect, it } from 'vitest';
import { alertFromFlags, parseEventSource, providerFromFlags } from './create-alert.js';

describe('create alert', () => {
  it('builds flux’s v1beta3 Alert', () => {
    expect(
      alertFromFlags('a', 'flux-system', {
        providerRef: 'slack',
        eventSeverity: 'info',
        eventSources: ['Kustomization/flux-system', 'GitRepository/*.apps'],
      }),
    ).toEqual({
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      metadata: { name: 'a', namespace: 'flux-system' },
      spec: {
        providerRef: { name: 'slack' },
        eventSeverity: 'info',
        eventSources: [
          { kind: 'Kustomization', name: 'flux-system' },
          { kind: 'GitRepository', name: '*', namespace: 'apps' },
        ],
      },
    });
  });

  it.each([
    [{ eventSources: ['Kustomization/a'] }, 'provider ref is required'],
    [{ providerRef: 'p', eventSources: [] }, 'at least one event source is required'],
    [{ providerRef: 'p', eventSources: ['a'] }, "invalid event source 'a', must be in format <kind>/<name>"],
    [{ providerRef: 'p', eventSources: ['a/b/c'] }, "invalid event source 'a/b/c'"],
  ])('refuses %j in flux’s words', (flags, message) => {
    expect(() => alertFromFlags('a', 'ns', flags)).toThrow(message);
  });

  it.each([
    ['Kustomization/apps', { kind: 'Kustomization', name: 'apps' }],
    ['Kustomization/a.b.ns', { kind: 'Kustomization', name: 'a.b', namespace: 'ns' }],
    ['apps', { kind: '', name: 'apps' }],
  ])('reads %j as flux does', (text, parsed) => {
    expect(parseEventSource(text)).toEqual(parsed);
  });
});

describe('create alert-provider', () => {
  it('builds flux’s v1beta3 Provider, leaving out empty fields', () => {
    expect(providerFromFlags('slack', 'ns', { type: 'slack', channel: 'general', secretRef: 'url' })).toEqual(
      {
        apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
        kind: 'Provider',
        metadata: { name: 'slack', namespace: 'ns' },
        spec: { type: 'slack', channel: 'general', secretRef: { name: 'url' } },
      },
    );
  });

  it('requires a type', () => {
    expect(() => providerFromFlags('p', 'ns', {})).toThrow('Provider type is required');
  });
});
