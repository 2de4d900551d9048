import { describe, expect, it } from 'vitest';
import {
  AlertKind,
  HelmChartKind,
  ImagePolicyKind,
  ImageRepositoryKind,
  ImageUpdateAutomationKind,
  OCIRepositoryKind,
  ProviderKind,
  ReceiverKind,
} from '@tideline/core';
import { ALL_KINDS, parseKindWords } from './flux-kinds.js';
import { headersFor, rowsFor } from './get-command.js';

describe('CLI kinds', () => {
  it.each([
    [['sources', 'oci'], 'OCIRepository'],
    [['source', 'oci', 'podinfo'], 'OCIRepository'],
    [['sources', 'git'], 'GitRepository'],
    [['sources', 'chart'], 'HelmChart'],
    [['source', 'chart', 'podinfo'], 'HelmChart'],
    [['source', 'helm'], 'HelmRepository'],
    [['ks'], 'Kustomization'],
    [['kustomization', 'apps'], 'Kustomization'],
    [['kustomizations'], 'Kustomization'],
    [['images', 'repository'], 'ImageRepository'],
    [['image', 'repository', 'my-app'], 'ImageRepository'],
    [['images', 'policy'], 'ImagePolicy'],
    [['image', 'policy', 'my-app'], 'ImagePolicy'],
    [['images', 'update'], 'ImageUpdateAutomation'],
    [['image', 'update', 'my-app'], 'ImageUpdateAutomation'],
  ])('%j names %s', (words, kind) => {
    expect(parseKindWords(words)?.kind.kind).toBe(kind);
  });

  it('leaves the name after the kind words', () => {
    expect(parseKindWords(['source', 'git', 'podinfo'])?.rest).toEqual(['podinfo']);
    expect(parseKindWords(['ks', 'apps'])?.rest).toEqual(['apps']);
    expect(parseKindWords(['source', 'podinfo'])).toBeUndefined();
  });

  it('prints the flux get headers of a source, with NAMESPACE for -A', () => {
    expect(headersFor(OCIRepositoryKind, true)).toEqual([
      'NAMESPACE',
      'NAME',
      'REVISION',
      'SUSPENDED',
      'READY',
      'MESSAGE',
    ]);
  });

  it('prints the flux get images headers', () => {
    expect(headersFor(ImageRepositoryKind, false)).toEqual([
      'NAME',
      'LAST SCAN',
      'SUSPENDED',
      'READY',
      'MESSAGE',
    ]);
    expect(headersFor(ImagePolicyKind, false)).toEqual(['NAME', 'IMAGE', 'TAG', 'READY', 'MESSAGE']);
    expect(headersFor(ImageUpdateAutomationKind, false)).toEqual([
      'NAME',
      'LAST RUN',
      'SUSPENDED',
      'READY',
      'MESSAGE',
    ]);
  });

  it('lists OCIRepository first, in flux get all order', () => {
    expect(ALL_KINDS.map((k) => k.kind)).toEqual([
      'OCIRepository',
      'GitRepository',
      'HelmRepository',
      'HelmChart',
      'ImageRepository',
      'ImagePolicy',
      'ImageUpdateAutomation',
      'HelmRelease',
      'Kustomization',
      'Receiver',
      'Provider',
      'Alert',
    ]);
  });

  it('parses the notification words as flux does', () => {
    expect(parseKindWords(['alerts'])?.kind.kind).toBe('Alert');
    expect(parseKindWords(['alert-providers'])?.kind.kind).toBe('Provider');
    expect(parseKindWords(['alert-provider', 'slack'])).toMatchObject({ rest: ['slack'] });
    expect(parseKindWords(['receivers'])?.kind.kind).toBe('Receiver');
  });

  it('prints Alert, Provider and Receiver rows with flux get headers and static Ready', () => {
    const meta = { namespace: 'flux-system' };
    const alert = {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      metadata: { name: 'a', ...meta },
      spec: { suspend: true },
    };
    const provider = {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Provider',
      metadata: { name: 'slack', ...meta },
      spec: {},
    };
    const receiver = {
      apiVersion: 'notification.toolkit.fluxcd.io/v1',
      kind: 'Receiver',
      metadata: { name: 'gh', ...meta },
      spec: {},
      status: { conditions: [{ type: 'Ready', status: 'False', message: 'unable to read token' }] },
    };
    expect(headersFor(AlertKind, false)).toEqual(['NAME', 'SUSPENDED', 'READY', 'MESSAGE']);
    expect(headersFor(ProviderKind, false)).toEqual(['NAME', 'READY', 'MESSAGE']);
    expect(headersFor(ReceiverKind, false)).toEqual(['NAME', 'SUSPENDED', 'READY', 'MESSAGE']);
    const opts = { allNamespaces: false, prefixKind: false };
    expect(rowsFor(AlertKind, [alert], opts)).toEqual([['a', 'True', 'True', 'Alert is Ready']]);
    expect(rowsFor(ProviderKind, [provider], opts)).toEqual([['slack', 'True', 'Provider is Ready']]);
    expect(rowsFor(ReceiverKind, [receiver], opts)).toEqual([
      ['gh', 'False', 'False', 'unable to read token'],
    ]);
  });

  it('prints an OCIRepository row as flux get sources oci does', () => {
    const hex = 'b'.repeat(64);
    const obj = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      status: {
        artifact: { revision: `6.2.1@sha256:${hex}` },
        conditions: [
          { type: 'Ready', status: 'True', message: `stored artifact for digest '6.2.1@sha256:${hex}'` },
        ],
      },
    };
    expect(rowsFor(OCIRepositoryKind, [obj], { allNamespaces: false, prefixKind: false })).toEqual([
      [
        'podinfo',
        '6.2.1@sha256:bbbbbbbb',
        'False',
        'True',
        "stored artifact for digest '6.2.1@sha256:bbbbbbbb'",
      ],
    ]);
  });

  it('prints a HelmChart row as flux get sources chart does', () => {
    const chart = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmChart',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      status: {
        artifact: { revision: '6.2.2+0123456789ab' },
        conditions: [
          { type: 'Ready', status: 'True', message: "pulled 'podinfo' chart with version '6.2.2'" },
        ],
      },
    };
    expect(rowsFor(HelmChartKind, [chart], { allNamespaces: false, prefixKind: false })).toEqual([
      ['podinfo', '6.2.2+0123456789ab', 'False', 'True', "pulled 'podinfo' chart with version '6.2.2'"],
    ]);
    expect(
      rowsFor(HelmChartKind, [chart], { allNamespaces: true, prefixKind: true })[0]?.slice(0, 2),
    ).toEqual(['flux-system', 'helmchart/podinfo']);
  });
});
