import type { FluxEvent } from '../event.js';

/**
 * Go's camel-case splitter (fluxcd's splitCamelcase): runs of lower, upper, digit or other
 * characters, an upper run giving its last letter to a following lower run
 * (`HealthCheckFailed` → `Health Check Failed`, `PDFLoader` → `PDF Loader`). Pure.
 */
export function splitCamelCase(text: string): string[] {
  const classOf = (c: string): number =>
    /\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4;
  const runs: string[][] = [];
  let last = 0;
  for (const char of text) {
    const cls = classOf(char);
    if (cls === last) runs[runs.length - 1]?.push(char);
    else runs.push([char]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i += 1) {
    const current = runs[i] ?? [];
    const next = runs[i + 1] ?? [];
    if (/\p{Lu}/u.test(current[0] ?? '') && /\p{Ll}/u.test(next[0] ?? '')) {
      next.unshift(current.pop() ?? '');
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** `kind/name` and the reason in lower-case words (`reconciliation succeeded`): formatNameAndDescription. Pure. */
export function nameAndDescription(event: FluxEvent): { name: string; description: string } {
  const o = event.involvedObject;
  return {
    name: `${o.kind}/${o.name}`.toLowerCase(),
    description: splitCamelCase(event.reason).join(' ').toLowerCase(),
  };
}

/**
 * The commit of a revision, as fluxcd/pkg git's TransformRevision + ExtractHashFromRevision:
 * `main@sha1:<hex>`, `sha1:<hex>`, the legacy `main/<hex>`, or a bare hex hash. Pure.
 */
export function commitOfRevision(revision: string): string {
  const digest = revision.includes('@') ? revision.slice(revision.lastIndexOf('@') + 1) : revision;
  const algo = /^(sha1|sha256):([0-9a-f]+)$/.exec(digest);
  if (algo?.[2]) return algo[2];
  const legacy = /(?:^|\/)([0-9a-f]{40}|[0-9a-f]{64})$/.exec(revision);
  if (legacy?.[1]) return legacy[1];
  throw new Error(`failed to extract commit hash from '${revision}' revision`);
}

/** The revision an event is about: `commit`, then `originRevision`, then `revision` metadata. Pure. */
export function eventRevision(event: FluxEvent): string | undefined {
  return event.metadata?.commit ?? event.metadata?.originRevision ?? event.metadata?.revision;
}
