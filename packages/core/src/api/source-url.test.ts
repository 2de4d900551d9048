import { describe, expect, it } from 'vitest';
import { fluxCrds } from './index.js';

type Crd = {
  spec: {
    names: { kind: string };
    versions: {
      schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, unknown> } } } };
    }[];
  };
};

/** The `spec.url` pattern the API server enforces for a kind (every served version). */
function urlPatterns(kind: string): string[] {
  const crd = (fluxCrds() as Crd[]).find((c) => c.spec.names.kind === kind);
  return (crd?.spec.versions ?? []).map(
    (v) =>
      (v.schema.openAPIV3Schema.properties.spec.properties.url as { pattern?: string } | undefined)
        ?.pattern ?? '',
  );
}

// A URL that git, helm or a registry client would read as an option or a local transport
// never gets in (CVE-2021-41254 class): the API server refuses it before any reconcile,
// and git calls pass URLs after `--` besides (sources/git-remote.ts, git-checkout.ts).
const HOSTILE = [
  '--upload-pack=touch /tmp/pwned',
  '-c core.sshCommand=touch /tmp/pwned',
  "ext::sh -c 'touch /tmp/pwned'",
  'file:///etc',
  '/etc/passwd',
  'fd::3',
];

describe('source URLs the CRDs admit', () => {
  it.each([
    [
      'GitRepository',
      ['https://github.com/org/repo', 'http://git.local/x.git', 'ssh://git@github.com/org/repo'],
    ],
    ['HelmRepository', ['https://charts.example.com', 'oci://ghcr.io/org/charts']],
    ['OCIRepository', ['oci://ghcr.io/org/manifests']],
  ])('%s: only its schemes, never an option or a local transport', (kind, good) => {
    const patterns = urlPatterns(kind);
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) {
      expect(pattern).not.toBe('');
      const admits = (url: string): boolean => new RegExp(pattern).test(url);
      expect(good.filter((url) => !admits(url))).toEqual([]);
      expect(HOSTILE.filter(admits)).toEqual([]);
    }
  });
});
