import type { EventDto, SourceArtifactDto } from '../api/dto.js';
import type { FluxResource } from './to-dto.js';

/** The `status.artifact` fields shown (never `url`: it carries the artifact server's secret prefix). */
interface ArtifactView {
  revision?: string;
  digest?: string;
  size?: number;
  lastUpdateTime?: string;
}

/** source-controller's NewArtifact message for Git: `stored artifact for commit '<subject>'`. */
const COMMIT_MESSAGE = /^stored artifact for commit '([\s\S]*)'$/;

/**
 * A source's artifact (revision, digest, size, when it was stored) and, for Git, the subject of
 * the commit, read from the newest `NewArtifact` Event as source-controller writes it (Flux keeps
 * the message nowhere else). Undefined for objects without an artifact. Pure.
 */
export function sourceArtifact(
  obj: FluxResource,
  events: readonly EventDto[],
): SourceArtifactDto | undefined {
  const artifact = (obj.status as { artifact?: ArtifactView } | undefined)?.artifact;
  if (!artifact?.revision) return undefined;
  const stored = events.find((e) => e.reason === 'NewArtifact' && COMMIT_MESSAGE.test(e.message));
  const subject = stored ? COMMIT_MESSAGE.exec(stored.message)?.[1] : undefined;
  return {
    revision: artifact.revision,
    digest: artifact.digest,
    size: artifact.size,
    lastUpdateTime: artifact.lastUpdateTime,
    ...(obj.kind === 'GitRepository' && subject !== undefined ? { commitMessage: subject } : {}),
  };
}
