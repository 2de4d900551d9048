import { describe, expect, it } from 'vitest';
import { multiTenancyOptions } from './multi-tenancy.js';

describe('--multi-tenant', () => {
  it("turns on Flux's lockdown and the address policy", () => {
    expect(multiTenancyOptions(true)).toEqual({
      kustomization: {
        noCrossNamespaceRefs: true,
        defaultServiceAccount: 'default',
        allowRemoteBases: false,
      },
      helmRelease: { noCrossNamespaceRefs: true, defaultServiceAccount: 'default' },
      images: { noCrossNamespaceRefs: true },
      addressPolicy: { refuseInternal: true },
    });
  });

  it('leaves the engine defaults alone otherwise', () => {
    expect(multiTenancyOptions(false)).toEqual({});
  });
});
