import { describe, expect, it } from 'vitest';
import { systemBanner } from './system-banner';

describe('systemBanner', () => {
  it('stays quiet while the engine reconciles or before the server said anything', () => {
    expect(systemBanner(undefined)).toBeUndefined();
    expect(
      systemBanner({ mode: 'engine', phase: 'active', message: 'reconciling', fluxControllers: [] }),
    ).toBeUndefined();
  });

  it('warns while the engine stands by for Flux', () => {
    expect(
      systemBanner({
        mode: 'engine',
        phase: 'standby',
        message: 'Flux …',
        fluxControllers: ['helm-controller'],
      }),
    ).toEqual({ tone: 'warning', title: 'Flux is reconciling this cluster', message: 'Flux …' });
    expect(
      systemBanner({ mode: 'engine', phase: 'standby', message: 'lease', fluxControllers: [] })?.title,
    ).toBe('Standing by');
  });

  it('notes observe mode, and warns when nothing reconciles', () => {
    expect(
      systemBanner({ mode: 'observe', phase: 'observing', message: 'm', fluxControllers: ['x'] })?.tone,
    ).toBe('info');
    expect(
      systemBanner({ mode: 'observe', phase: 'observing', message: 'm', fluxControllers: [] })?.tone,
    ).toBe('warning');
  });
});
