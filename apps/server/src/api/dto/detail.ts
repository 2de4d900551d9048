import type { DisplayFact } from '@tideline/core';
import type { EventDto, TransitionDto } from './events.js';
import type { HelmReleaseDetailDto } from './helm.js';
import type { AlertCoverageDto, NotificationLogDto } from './notifications.js';
import type { ConditionDto, FluxObjectSummary, InventoryItemDto, SourceArtifactDto } from './objects.js';

/** Everything the detail page shows. */
export interface FluxObjectDetail extends FluxObjectSummary {
  conditions: ConditionDto[];
  inventory: InventoryItemDto[];
  events: EventDto[];
  /** The object's spec as YAML (Flux objects carry no secret values). */
  specYaml: string;
  sourceRef?: string;
  dependsOn: string[];
  /** Kind-specific facts from the kind registry (chart, latest tag, last push, …). */
  facts: DisplayFact[];
  /**
   * What happened to it, newest first: Ready transitions and revisions this server saw, and
   * `status.history` (Kustomization and HelmRelease keep one). Events come separately.
   */
  transitions: TransitionDto[];
  /** The Alerts that cover this object (which Providers hear about it). */
  alerts: AlertCoverageDto[];
  /** HelmReleases only. */
  helm?: HelmReleaseDetailDto;
  /** Sources only. */
  artifact?: SourceArtifactDto;
  /** Providers and Receivers only. */
  notifications?: NotificationLogDto;
}
