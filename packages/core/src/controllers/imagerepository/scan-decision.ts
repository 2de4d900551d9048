/** Why a reconcile scans the registry, in the order image-reflector-controller checks (its words). */
export const ScanReason = {
  NeverScanned: 'first scan',
  ReconcileRequested: 'reconcile requested',
  NewImageName: 'new image name',
  UpdatedExclusionList: 'updated exclusion list',
  EmptyDatabase: 'no tags in database',
  Interval: 'triggered by interval',
} as const;

/** What {@link shouldScan} looks at. */
export interface ScanInputs {
  intervalMs: number;
  /** `status.lastScanResult.scanTime`, when there is a last scan. */
  lastScanTime?: string;
  requestedAt?: string;
  lastHandledReconcileAt?: string;
  canonicalImageName: string;
  statusCanonicalImageName?: string;
  exclusionList: readonly string[];
  observedExclusionList?: readonly string[];
  /** Tags stored for this repository and image. */
  storedTagCount: number;
  now: Date;
}

/** Scan now (and why), or wait `whenMs` until the next scan. */
export type ScanDecision = { scan: true; reason: string; whenMs: number } | { scan: false; whenMs: number };

/** Same length and every element of `a` in `b` (Flux's `isEqualSliceContent`). Pure. */
export function sameContent(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * image-reflector-controller's `shouldScan`: first scan, a reconcile request, a new image name,
 * a changed exclusion list, an empty tag store, then the interval (within a second of it counts).
 * A scan always schedules the next one a full interval later. Pure.
 */
export function shouldScan(input: ScanInputs): ScanDecision {
  const interval = input.intervalMs;
  const scan = (reason: string): ScanDecision => ({ scan: true, reason, whenMs: interval });
  if (input.lastScanTime === undefined) return scan(ScanReason.NeverScanned);
  if (input.requestedAt !== undefined && input.requestedAt !== input.lastHandledReconcileAt)
    return scan(ScanReason.ReconcileRequested);
  if (input.canonicalImageName !== input.statusCanonicalImageName) return scan(ScanReason.NewImageName);
  if (!sameContent(input.exclusionList, input.observedExclusionList))
    return scan(ScanReason.UpdatedExclusionList);
  if (input.storedTagCount === 0) return scan(ScanReason.EmptyDatabase);
  const elapsed = input.now.getTime() - new Date(input.lastScanTime).getTime();
  const when = interval - elapsed;
  if (when < 1000) return scan(ScanReason.Interval);
  return { scan: false, whenMs: when };
}
