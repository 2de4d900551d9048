import { KUSTOMIZE_API_VERSION } from '../api/kustomize-v1.js';
import { SOURCE_API_VERSION } from '../api/source-v1.js';
import type { ClusterFixture } from './cluster-fixture.js';
import type { GitWorkTree } from './git-fixture.js';

/** The Kustomizations of the integration tests live in `default` and read GitRepository `repo`. */
export const ksRef = (
  name: string,
): { apiVersion: string; kind: string; namespace: string; name: string } => ({
  apiVersion: KUSTOMIZE_API_VERSION,
  kind: 'Kustomization',
  namespace: 'default',
  name,
});

const repoRef = { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', namespace: 'default', name: 'repo' };

/** Helpers bound to a test file's fixture and work tree (read lazily: both are set in beforeAll). */
export function kustomizationTestHelpers(current: () => { fx: ClusterFixture; repo: GitWorkTree }): {
  applySourceRepository(): Promise<void>;
  applyKs(name: string, spec: Record<string, unknown>): Promise<void>;
  newRevision(files: Record<string, string | null>): Promise<string>;
} {
  return {
    /** Creates GitRepository `repo` following the work tree's `main`. */
    async applySourceRepository() {
      const { fx, repo } = current();
      await fx.resources.apply(
        {
          apiVersion: SOURCE_API_VERSION,
          kind: 'GitRepository',
          metadata: { name: 'repo', namespace: 'default' },
          spec: { url: repo.remoteUrl, interval: '10m', ref: { branch: 'main' } },
        },
        { fieldManager: 'test' },
      );
    },
    /** Applies Kustomization `name` (interval 10m, prune) with `spec` layered on top. */
    async applyKs(name, spec) {
      await current().fx.resources.apply(
        {
          apiVersion: KUSTOMIZE_API_VERSION,
          kind: 'Kustomization',
          metadata: { name, namespace: 'default' },
          spec: { interval: '10m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' }, ...spec },
        },
        { fieldManager: 'test' },
      );
    },
    /** Commits `files`, asks `repo` to reconcile, and resolves the new revision. */
    async newRevision(files) {
      const { fx, repo } = current();
      const sha = await repo.commit(files);
      await fx.resources.mergePatch(repoRef, {
        metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': sha } },
      });
      return `main@sha1:${sha}`;
    },
  };
}
