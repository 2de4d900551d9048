/** One step of an image's way to the cluster, as the image automation story shows it. */
export interface ImageStoryAutomationDto {
  /** The ImageUpdateAutomation's id. */
  id: string;
  lastPushCommit?: string;
  lastPushTime?: string;
  /** The pushed commit's message, from the automation's push Event (its body after the summary line). */
  commitMessage?: string;
  /** The GitRepository it pushes to, and its artifact. */
  source?: {
    id: string;
    revision?: string;
    /** `pushed`: the artifact is the pushed commit; `later`: stored after the push; `older`: not yet. */
    containsPush: 'pushed' | 'later' | 'older' | 'unknown';
  };
  /** The Kustomizations applying that GitRepository, and whether they applied its artifact. */
  appliedBy: { id: string; lastAppliedRevision?: string; current: boolean }[];
}

/** A Pod running the policy's latest image. */
export interface ImageStoryPodDto {
  namespace: string;
  name: string;
  phase: string;
  ready: boolean;
}

/** Image automation, one story: registry scan → policy → automation's push → source → apply → pods. */
export interface ImageStoryDto {
  /** The ImagePolicy's id. */
  policy: string;
  /** `name:tag[@digest]` the policy selected, and the one before it. */
  latest?: string;
  previous?: string;
  repository?: { id: string; lastScanTime?: string; tagCount?: number };
  automations: ImageStoryAutomationDto[];
  /** Pods whose containers run `latest`, from the namespaces of the appliers' workloads. */
  pods: ImageStoryPodDto[];
  /** More pods were in those namespaces than were looked at (the lookup is capped). */
  podsTruncated: boolean;
}
