import { describe, expect, it } from 'vitest';
import type { EventDto, EventFilterDto } from '../api/dto.js';
import { matchesEventFilter } from './event-filter.js';

const EVENT: EventDto = {
  uid: 'u1',
  namespace: 'flux-system',
  type: 'Warning',
  reason: 'BuildFailed',
  message: 'kustomization path not found: ./apps/Staging',
  object: 'Kustomization/apps',
  objectId: 'Kustomization/flux-system/apps',
  count: 2,
  source: 'kustomize-controller',
};

describe('matchesEventFilter', () => {
  it.each<[EventFilterDto, boolean]>([
    [{}, true],
    [{ kind: 'Kustomization' }, true],
    [{ kind: 'GitRepository' }, false],
    [{ namespace: 'flux-system' }, true],
    [{ namespace: 'apps' }, false],
    [{ name: 'apps' }, true],
    [{ name: 'app' }, false],
    [{ type: 'Warning' }, true],
    [{ type: 'Normal' }, false],
    [{ reason: 'BuildFailed' }, true],
    [{ reason: 'Build' }, false],
    [{ q: 'staging' }, true],
    [{ q: 'BUILDFAILED' }, true],
    [{ q: 'kustomization/apps' }, true],
    [{ q: 'flux-sys' }, true],
    [{ q: 'podinfo' }, false],
    [{ kind: 'Kustomization', type: 'Warning', q: 'path' }, true],
    [{ kind: 'Kustomization', type: 'Normal', q: 'path' }, false],
  ])('%j → %s', (filter, expected) => expect(matchesEventFilter(filter, EVENT)).toBe(expected));
});
