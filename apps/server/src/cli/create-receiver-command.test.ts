import { describe, expect, it } from 'vitest';
import { parseKindName, receiverFromFlags } from './create-receiver-command.js';

describe('create receiver', () => {
  it('builds the Receiver flux create receiver builds', () => {
    expect(
      receiverFromFlags('gh', 'flux-system', {
        type: 'github',
        secretRef: 'tok',
        events: ['ping,push'],
        resources: ['GitRepository/webapp'],
      }),
    ).toEqual({
      apiVersion: 'notification.toolkit.fluxcd.io/v1',
      kind: 'Receiver',
      metadata: { name: 'gh', namespace: 'flux-system' },
      spec: {
        type: 'github',
        events: ['ping', 'push'],
        resources: [{ kind: 'GitRepository', name: 'webapp' }],
        secretRef: { name: 'tok' },
        suspend: false,
      },
    });
  });

  it.each([
    [{ events: [], resources: ['GitRepository/a'], secretRef: 's' }, 'Receiver type is required'],
    [{ type: 'github', events: [], resources: ['GitRepository/a'] }, 'secret ref is required'],
    [
      { type: 'github', secretRef: 's', events: [], resources: ['a'] },
      "invalid event source 'a', must be in format <kind>/<name>",
    ],
    [{ type: 'github', secretRef: 's', events: [], resources: [] }, 'atleast one resource is required'],
  ])('refuses %j with Flux message', (flags, message) => {
    expect(() => receiverFromFlags('x', 'ns', flags)).toThrow(message);
  });

  it('splits Kind/name at the first slash', () => {
    expect(parseKindName('GitRepository/a/b')).toEqual({ kind: 'GitRepository', name: 'a/b' });
  });
});
