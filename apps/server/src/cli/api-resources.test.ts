import { describe, expect, it } from 'vitest';
import { matchResource, type ApiResource } from './api-resources.js';

const RESOURCES: ApiResource[] = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: 'configmaps',
    singularName: '',
    shortNames: ['cm'],
    namespaced: true,
  },
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    name: 'namespaces',
    singularName: '',
    shortNames: ['ns'],
    namespaced: false,
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'deployments',
    singularName: '',
    shortNames: ['deploy'],
    namespaced: true,
  },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kind: 'Event',
    name: 'events',
    singularName: '',
    shortNames: ['ev'],
    namespaced: true,
  },
  { apiVersion: 'v1', kind: 'Event', name: 'events', singularName: '', shortNames: ['ev'], namespaced: true },
  {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    name: 'helmreleases',
    singularName: 'helmrelease',
    shortNames: ['hr'],
    namespaced: true,
  },
];

describe('matchResource', () => {
  it.each<[string, string | undefined]>([
    ['configmaps', 'v1/ConfigMap'],
    ['configmap', 'v1/ConfigMap'],
    ['cm', 'v1/ConfigMap'],
    ['ConfigMap', 'v1/ConfigMap'],
    ['deploy', 'apps/v1/Deployment'],
    ['Deployment', 'apps/v1/Deployment'],
    ['deployments.apps', 'apps/v1/Deployment'],
    ['deployments.batch', undefined],
    ['events', 'events.k8s.io/v1beta1/Event'],
    ['events.', 'v1/Event'],
    ['hr', 'helm.toolkit.fluxcd.io/v2/HelmRelease'],
    ['helmrelease', 'helm.toolkit.fluxcd.io/v2/HelmRelease'],
    ['widget', undefined],
  ])('%s', (word, expected) => {
    const found = matchResource(word, RESOURCES);
    expect(found ? `${found.apiVersion}/${found.kind}` : undefined).toBe(expected);
  });
});
