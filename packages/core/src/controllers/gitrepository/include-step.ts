import { ConditionType, Reason, type Artifact } from '../../api/meta.js';
import { GitRepositoryConditionType, GitRepositoryReason } from '../../api/source-v1.js';
import type { Resources } from '../../kube/resources.js';
import { deleteCondition, markReconciling, markTrue, markUnknown } from '../../runtime/conditions.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { includesDiffer } from './content-config.js';
import { failRun } from './failure.js';
import { fetchIncludes, IncludeUnavailableError } from './includes.js';
import { GitMessages } from './messages.js';
import type { GitRepositoryRun } from './run.js';

/** What the include step needs from the reconciler. */
export interface IncludeStepDeps {
  resources: Resources;
  events: EventRecorder;
  /** How long to wait before retrying when an include is unavailable (Flux `--requeue-dependency`, 30s). */
  dependencyRequeueMs?: number;
}

/** The artifacts of `spec.include`; an unavailable one makes the run wait (IncludeUnavailable). */
export async function includedArtifacts(deps: IncludeStepDeps, run: GitRepositoryRun): Promise<Artifact[]> {
  const { obj } = run;
  const wanted = run.spec.include ?? [];
  let artifacts: Artifact[] = [];
  try {
    artifacts = await fetchIncludes(deps.resources, obj.metadata.namespace ?? 'default', wanted);
  } catch (error) {
    if (!(error instanceof IncludeUnavailableError)) throw error;
    const waitMs = deps.dependencyRequeueMs ?? 30_000;
    return failRun(
      deps.events,
      run,
      GitRepositoryConditionType.IncludeUnavailable,
      error.reason,
      error.message,
      waitMs,
    );
  }
  deleteCondition(obj, GitRepositoryConditionType.IncludeUnavailable);
  if (includesDiffer(artifacts, obj.status?.includedArtifacts)) {
    // As source-controller: ArtifactOutdated=IncludeChange is written, then dropped again.
    if (obj.status?.includedArtifacts)
      markTrue(
        obj,
        ConditionType.ArtifactOutdated,
        GitRepositoryReason.IncludeChange,
        GitMessages.includesChanged,
      );
    markReconciling(obj, Reason.Progressing, GitMessages.buildingIncludes);
    markUnknown(obj, ConditionType.Ready, Reason.Progressing, GitMessages.buildingIncludes);
    await run.status.patch();
    deleteCondition(obj, ConditionType.ArtifactOutdated);
  }
  return artifacts;
}
