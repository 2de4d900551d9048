import { describe, expect, it } from 'vitest';
import { engineSystemStatus, observeSystemStatus } from './system-status.js';

describe('system status', () => {
  it("passes the engine's state through", () => {
    const status = engineSystemStatus({
      phase: 'standby',
      leader: true,
      fluxControllers: ['kustomize-controller'],
      message: "Flux's controllers are reconciling this cluster (kustomize-controller): …",
    });
    expect(status).toMatchObject({
      mode: 'engine',
      phase: 'standby',
      fluxControllers: ['kustomize-controller'],
    });
  });

  it('in observe mode, says whether anything reconciles at all', () => {
    expect(observeSystemStatus(['helm-controller'], 'flux-system').message).toContain('Tideline observes');
    expect(observeSystemStatus([], 'flux-system').message).toContain('nothing reconciles this cluster');
  });
});
