import { describe, expect, it } from 'vitest';
import { engineState, ReconcileGate, type EngineState } from './reconcile-gate.js';

describe('engineState', () => {
  it('reconciles only as the leader with no Flux controller at work', () => {
    expect(engineState(true, []).phase).toBe('active');
    expect(engineState(false, []).phase).toBe('standby');
    expect(engineState(true, ['kustomize-controller']).phase).toBe('standby');
  });

  it('tells the user what runs and what to do', () => {
    const state = engineState(true, ['kustomize-controller', 'source-controller']);
    expect(state.message).toContain("Flux's controllers are reconciling this cluster");
    expect(state.message).toContain('kustomize-controller, source-controller');
    expect(state.message).toContain('--observe');
    expect(engineState(false, []).message).toContain('another Tideline engine holds the leader lease');
  });
});

describe('ReconcileGate', () => {
  it('switches the target on and off once per transition, in order', async () => {
    const calls: string[] = [];
    const states: EngineState[] = [];
    const gate = new ReconcileGate(
      {
        activate: () => void calls.push('activate'),
        deactivate: async () => {
          await new Promise((r) => setTimeout(r, 5));
          calls.push('deactivate');
        },
      },
      (s) => states.push(s),
    );
    await gate.setFluxControllers([]);
    expect(calls).toEqual([]);
    expect(states).toEqual([]); // nothing told before announce()
    await gate.announce();
    await gate.setLeader(true);
    await gate.setLeader(true);
    expect(calls).toEqual(['activate']);
    void gate.setFluxControllers(['helm-controller']);
    await gate.setFluxControllers(['helm-controller']);
    expect(calls).toEqual(['activate', 'deactivate']);
    expect(gate.state.phase).toBe('standby');
    await gate.setFluxControllers([]);
    expect(calls).toEqual(['activate', 'deactivate', 'activate']);
    expect(states.map((s) => s.phase)).toEqual(['standby', 'active', 'standby', 'active']);
  });
});
