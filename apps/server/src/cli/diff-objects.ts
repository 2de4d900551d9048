import { stringify } from 'yaml';
import type { KubeObject } from '@tideline/core';

type Obj = KubeObject & Record<string, unknown>;

/** Server-written metadata that differs between a dry-run and the live object without a change. */
const VOLATILE_METADATA = [
  'managedFields',
  'resourceVersion',
  'generation',
  'uid',
  'creationTimestamp',
  'selfLink',
];

/** An object as the diff compares it: no status, no server bookkeeping. Pure. */
export function comparable(obj: Obj): Obj {
  const { status: _status, ...rest } = obj;
  const metadata: Record<string, unknown> = { ...obj.metadata };
  for (const key of VOLATILE_METADATA) delete metadata[key];
  return { ...rest, metadata } as unknown as Obj;
}

type SecretLike = Obj & { data?: Record<string, string>; stringData?: Record<string, string> };

/**
 * Secret values masked as fluxcd/pkg/ssa's `SanitizeUnstructuredData` masks them: `***`, or
 * `*** (before)` / `*** (after)` where the value changes, so a diff shows which keys change
 * and never what they hold. Other kinds pass through. Pure.
 */
export function maskSecrets(live: Obj | undefined, merged: Obj): { live?: Obj; merged: Obj } {
  if (merged.kind !== 'Secret') return { live, merged };
  const l = live as SecretLike | undefined;
  const m = merged as SecretLike;
  const mask = (
    own: Record<string, string> | undefined,
    other: Record<string, string> | undefined,
    side: string,
  ) =>
    own &&
    Object.fromEntries(
      Object.entries(own).map(([k, v]) => [
        k,
        other && k in other && other[k] !== v ? `*** (${side})` : '***',
      ]),
    );
  const out = (o: SecretLike, other: SecretLike | undefined, side: string): Obj => {
    const masked: SecretLike = { ...o };
    if (o.data) masked.data = mask(o.data, other?.data, side);
    if (o.stringData) masked.stringData = mask(o.stringData, other?.stringData, side);
    return masked;
  };
  return { live: l && out(l, m, 'before'), merged: out(m, l, 'after') };
}

/** YAML with sorted keys (sigs.k8s.io/yaml's), so a diff shows only real changes. Pure. */
export function objectYaml(obj: Obj): string {
  return stringify(obj, { sortMapEntries: true, lineWidth: 0 });
}
