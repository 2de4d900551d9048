import type { KubeObject } from '../objects.js';
import type { Resources } from '../resources.js';
import { decodeReleaseData, encodeReleaseData, type StoredReleaseJson } from './release-codec.js';

/**
 * Helm's Secret storage driver, read (and for unlock, written) directly: one Secret per
 * revision, `sh.helm.release.v1.<name>.v<version>`, labels `name`, `owner=helm`, `status`,
 * `version`. Releases are decoded lazily: a state check reads only the latest.
 */

type Secret = KubeObject & { type?: string; data?: Record<string, string> };

/** One stored revision. */
export interface StoredRevision {
  secretName: string;
  namespace: string;
  version: number;
  /** The Secret's resourceVersion: a change means the release was rewritten. */
  resourceVersion?: string;
  /** The `status` label (what `helm list` filters on). */
  statusLabel?: string;
  /** The decoded release (memoized). */
  release(): StoredReleaseJson;
}

const SECRET = { apiVersion: 'v1', kind: 'Secret' } as const;

/** `sh.helm.release.v1.<name>.v<version>` (Helm's `makeKey`). Pure. */
export const releaseSecretName = (name: string, version: number): string =>
  `sh.helm.release.v1.${name}.v${version}`;

function revisionOf(secret: Secret): StoredRevision | undefined {
  const version = Number(secret.metadata.labels?.version);
  const data = secret.data?.release;
  if (!Number.isInteger(version) || data === undefined) return undefined;
  let decoded: StoredReleaseJson | undefined;
  return {
    secretName: secret.metadata.name,
    namespace: secret.metadata.namespace ?? '',
    version,
    resourceVersion: secret.metadata.resourceVersion,
    statusLabel: secret.metadata.labels?.status,
    release: () => (decoded ??= decodeReleaseData(data)),
  };
}

/** Reads and writes Helm release Secrets through one client (the target cluster's, impersonating). */
export class ReleaseStorage {
  constructor(private readonly resources: Resources) {}

  /**
   * The stored revisions of a release, newest first, without a namespace-wide list: the given
   * versions are read by name (consistent reads), then the next versions up to the first
   * missing one. With no versions known, it probes from 1. A label-selected LIST of Secrets
   * reads every Secret of the namespace from etcd, so with a thousand releases in a namespace
   * listing per action would be quadratic; these GETs stay constant.
   */
  async revisions(namespace: string, name: string, known: readonly number[]): Promise<StoredRevision[]> {
    const get = async (version: number): Promise<StoredRevision | undefined> => {
      const secret = await this.resources.get<Secret>({
        ...SECRET,
        namespace,
        name: releaseSecretName(name, version),
      });
      return secret ? revisionOf(secret) : undefined;
    };
    const unique = [...new Set(known)].filter((v) => v > 0);
    const found = (await Promise.all(unique.map(get))).filter((r): r is StoredRevision => r !== undefined);
    let next = Math.max(0, ...unique, ...found.map((r) => r.version)) + 1;
    for (let guard = 0; guard < 1000; guard++) {
      const rev = await get(next);
      if (!rev) break;
      found.push(rev);
      next += 1;
    }
    return found.sort((a, b) => b.version - a.version);
  }

  /** Every stored revision of a release, newest first, from the API server's cache (one list). */
  async cachedHistory(namespace: string, name: string): Promise<StoredRevision[]> {
    const list = await this.resources.list<Secret>('v1', 'Secret', {
      namespace,
      labelSelector: `owner=helm,name=${name}`,
      resourceVersion: '0',
    });
    return list.items
      .map(revisionOf)
      .filter((r): r is StoredRevision => r !== undefined)
      .sort((a, b) => b.version - a.version);
  }

  /** Every stored revision of a release, newest first. */
  async history(namespace: string, name: string): Promise<StoredRevision[]> {
    const list = await this.resources.list<Secret>('v1', 'Secret', {
      namespace,
      labelSelector: `owner=helm,name=${name}`,
    });
    return list.items
      .map(revisionOf)
      .filter((r): r is StoredRevision => r !== undefined)
      .sort((a, b) => b.version - a.version);
  }

  /** Rewrites a stored release's status, as Helm's `Releases.Update` does (unlock). */
  async updateStatus(rev: StoredRevision, status: string, description: string): Promise<void> {
    const release = structuredClone(rev.release());
    release.info = { ...release.info, status, description };
    await this.resources.mergePatch(
      { ...SECRET, namespace: rev.namespace, name: rev.secretName },
      {
        metadata: {
          labels: { status, modifiedAt: String(Math.floor(Date.now() / 1000)) },
          resourceVersion: rev.resourceVersion,
        },
        data: { release: encodeReleaseData(release) },
      },
    );
  }

  /**
   * Copies a release's Secrets from one namespace to another (creating or replacing) and
   * deletes the ones `to` has that `from` lacks; then deletes them from `from` when `move`.
   * helm's CLI keeps releases in the namespace it installs to, so a `storageNamespace` that
   * differs is served by staging the Secrets there for the call and moving them back after.
   */
  async sync(name: string, from: string, to: string, move: boolean): Promise<void> {
    const [source, target] = await Promise.all([this.secrets(from, name), this.secrets(to, name)]);
    const keep = new Set(source.map((s) => s.metadata.name));
    for (const secret of source) {
      const copy: Secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: secret.metadata.name, namespace: to, labels: secret.metadata.labels },
        type: secret.type,
        data: secret.data,
      };
      const existing = target.find((t) => t.metadata.name === secret.metadata.name);
      if (existing) {
        await this.resources.mergePatch(
          { ...SECRET, namespace: to, name: secret.metadata.name },
          { metadata: { labels: secret.metadata.labels }, data: secret.data },
        );
      } else await this.resources.create(copy);
    }
    for (const extra of target.filter((t) => !keep.has(t.metadata.name))) {
      await this.resources.delete({ ...SECRET, namespace: to, name: extra.metadata.name });
    }
    if (move) {
      for (const secret of source)
        await this.resources.delete({ ...SECRET, namespace: from, name: secret.metadata.name });
    }
  }

  /** Whether any Secret of the release is in `namespace`. */
  async has(namespace: string, name: string): Promise<boolean> {
    return (await this.secrets(namespace, name)).length > 0;
  }

  private async secrets(namespace: string, name: string): Promise<Secret[]> {
    const list = await this.resources.list<Secret>('v1', 'Secret', {
      namespace,
      labelSelector: `owner=helm,name=${name}`,
    });
    return list.items;
  }
}
