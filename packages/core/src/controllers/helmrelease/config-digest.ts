import { createHash } from 'node:crypto';
import { goYamlSorted } from './go-yaml-emitter.js';

/**
 * fluxcd/pkg `chartutil.DigestValues(sha256, values)`: the sha256 of the values encoded by
 * go-yaml v2 with keys sorted; no values (or an empty map) digest the empty input. This is the
 * HelmRelease's `configDigest` and `lastAttemptedConfigDigest`, and the events' token. Pure.
 */
export function configDigest(values: Record<string, unknown> | undefined): string {
  const yaml = values ? goYamlSorted(values) : '';
  return `sha256:${createHash('sha256').update(yaml).digest('hex')}`;
}
