/** A Ready condition, as trace prints it. */
export interface ReadyView {
  status: string;
  message: string;
  lastTransitionTime?: string;
}

/** A Flux object, as trace reads it. */
export interface TracedObject {
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** The object being traced. */
export interface TraceSubject {
  kind: string;
  name: string;
  namespace?: string;
}

/** Go's `time.Time.String()` of a `metav1.Time` in UTC (`2024-01-02 15:04:05 +0000 UTC`). Pure. */
export function goTimeString(iso: string | undefined): string {
  const ms = Date.parse(iso ?? '');
  if (Number.isNaN(ms)) return '0001-01-01 00:00:00 +0000 UTC';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const field = (o: TracedObject | undefined, part: 'spec' | 'status', key: string): string =>
  str(o?.[part]?.[key]);

/** Builds `Label:<pad>value` lines with one label width, as flux's templates align them. */
function lines(width: number): { add(label: string, value: string): void; text(): string[] } {
  const out: string[] = [];
  return {
    add: (label, value) => void out.push(`${`${label}:`.padEnd(width)}${value}`),
    text: () => out,
  };
}

/** `Status: Last reconciled at …` / `Message: …`, or `Status: Unknown`. Pure. */
function readyLines(l: ReturnType<typeof lines>, ready: ReadyView | undefined, failedWording: boolean): void {
  if (!ready) return l.add('Status', 'Unknown');
  const failed = failedWording && ready.status === 'False';
  l.add(
    'Status',
    `${failed ? 'Last reconciliation failed at' : 'Last reconciled at'} ${goTimeString(ready.lastTransitionTime)}`,
  );
  l.add('Message', ready.message);
}

/** The object's head: `Object:`, `Namespace:`, `Status: Managed by Flux`. */
function head(l: ReturnType<typeof lines>, subject: TraceSubject): void {
  l.add('Object', `${subject.kind}/${subject.name}`);
  if (subject.namespace) l.add('Namespace', subject.namespace);
  l.add('Status', 'Managed by Flux');
}

type Ref = { tag?: string; semver?: string; branch?: string; digest?: string };

/** A Git or OCI source's section of flux trace. */
function sourceSection(
  width: number,
  kind: string,
  src: TracedObject,
  ready: ReadyView | undefined,
): string[] {
  const l = lines(width);
  l.add(kind, src.metadata.name);
  l.add('Namespace', src.metadata.namespace ?? '');
  l.add('URL', field(src, 'spec', 'url'));
  const ref = src.spec?.ref as Ref | undefined;
  if (ref?.tag) l.add('Tag', ref.tag);
  else if (ref?.semver) l.add('Tag', ref.semver);
  else if (kind === 'OCIRepository' && ref?.digest) l.add('Digest', ref.digest);
  else if (kind === 'GitRepository' && ref?.branch) l.add('Branch', ref.branch);
  const artifact = src.status?.artifact as { revision?: string } | undefined;
  if (artifact) l.add('Revision', artifact.revision ?? '');
  readyLines(l, ready, true);
  return ['---', ...l.text()];
}

/** A source and its Ready condition. */
export interface TracedSource {
  kind: string;
  object: TracedObject;
  ready?: ReadyView;
}

/** flux trace's report of an object a Kustomization applied (flux2 `traceKustomization`). Pure. */
export function kustomizationTrace(
  subject: TraceSubject,
  ks: TracedObject,
  ready: ReadyView | undefined,
  source: TracedSource | undefined,
): string {
  const l = lines(17);
  head(l, subject);
  const k = lines(17);
  k.add('Kustomization', ks.metadata.name);
  k.add('Namespace', ks.metadata.namespace ?? '');
  if (field(ks, 'spec', 'targetNamespace')) k.add('Target', field(ks, 'spec', 'targetNamespace'));
  k.add('Path', field(ks, 'spec', 'path'));
  k.add('Revision', field(ks, 'status', 'lastAppliedRevision'));
  readyLines(k, ready, false);
  const src =
    source && ['GitRepository', 'OCIRepository'].includes(source.kind)
      ? sourceSection(17, source.kind, source.object, source.ready)
      : [];
  return `\n${[...l.text(), '---', ...k.text(), ...src].join('\n')}\n`;
}

/** flux trace's report of an object a HelmRelease installed (flux2 `traceHelm`). Pure. */
export function helmReleaseTrace(
  subject: TraceSubject,
  hr: TracedObject,
  ready: ReadyView | undefined,
  chart: TracedSource | undefined,
  source: TracedSource | undefined,
): string {
  const l = lines(16);
  head(l, subject);
  const out = l.text();
  const h = lines(16);
  h.add('HelmRelease', hr.metadata.name);
  h.add('Namespace', hr.metadata.namespace ?? '');
  if (field(hr, 'spec', 'targetNamespace')) h.add('Target', field(hr, 'spec', 'targetNamespace'));
  const history = (hr.status?.history as { chartVersion?: string }[] | undefined)?.[0];
  h.add('Revision', history?.chartVersion ?? field(hr, 'status', 'lastAttemptedRevision'));
  readyLines(h, ready, false);
  out.push('---', ...h.text());
  if (chart) {
    const c = lines(16);
    c.add('HelmChart', chart.object.metadata.name);
    c.add('Namespace', chart.object.metadata.namespace ?? '');
    c.add('Chart', field(chart.object, 'spec', 'chart'));
    c.add('Version', field(chart.object, 'spec', 'version'));
    const artifact = chart.object.status?.artifact as { revision?: string } | undefined;
    if (artifact) c.add('Revision', artifact.revision ?? '');
    readyLines(c, chart.ready, false);
    out.push('---', ...c.text());
  }
  if (source?.kind === 'HelmRepository') {
    const r = lines(16);
    r.add('HelmRepository', source.object.metadata.name);
    r.add('Namespace', source.object.metadata.namespace ?? '');
    r.add('URL', field(source.object, 'spec', 'url'));
    const artifact = source.object.status?.artifact as { revision?: string } | undefined;
    if (artifact) r.add('Revision', artifact.revision ?? '');
    readyLines(r, source.ready, false);
    out.push('---', ...r.text());
  } else if (source?.kind === 'GitRepository') {
    out.push(...sourceSection(15, 'GitRepository', source.object, source.ready));
  }
  return `\n${out.join('\n')}\n`;
}
