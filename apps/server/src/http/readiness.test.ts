import type { EngineState } from '@tideline/core';
import { describe, expect, it } from 'vitest';
import { readinessBody, readinessChecks, type ReadinessInputs } from './readiness.js';

const state = (phase: EngineState['phase']): EngineState => ({
  phase,
  message: phase,
  leader: phase === 'active',
  fluxControllers: [],
});

describe('readiness', () => {
  it.each<[string, ReadinessInputs, boolean, string[]]>([
    ['observe mode, synced', { cacheSynced: true }, true, ['informers', 'shutdown']],
    ['observe mode, not synced', { cacheSynced: false }, false, ['informers', 'shutdown']],
    [
      'leader',
      { cacheSynced: true, engine: state('active') },
      true,
      ['informers', 'leader-election', 'shutdown'],
    ],
    [
      'standby',
      { cacheSynced: true, engine: state('standby') },
      true,
      ['informers', 'leader-election', 'shutdown'],
    ],
    [
      'election not reported',
      { cacheSynced: true, engine: state('starting') },
      false,
      ['informers', 'leader-election', 'shutdown'],
    ],
    [
      'stopping',
      { cacheSynced: true, engine: state('active'), stopping: true },
      false,
      ['informers', 'leader-election', 'shutdown'],
    ],
  ])('%s', (_name, inputs, ready, names) => {
    const checks = readinessChecks(inputs);
    expect(checks.map((c) => c.name)).toEqual(names);
    expect(checks.every((c) => c.ok)).toBe(ready);
    expect(readinessBody(checks).endsWith(ready ? 'readyz check passed\n' : 'readyz check failed\n')).toBe(
      true,
    );
  });

  it('lists each check the way kube-apiserver does', () => {
    expect(readinessBody(readinessChecks({ cacheSynced: false, engine: state('standby') }))).toBe(
      '[-]informers failed: the watch cache has not synced yet\n[+]leader-election ok (standby)\n[+]shutdown ok\nreadyz check failed\n',
    );
  });
});
