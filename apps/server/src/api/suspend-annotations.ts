/**
 * Who suspended an object and why, as Weave GitOps records it (`core/server/suspend.go`:
 * set on suspend, the comment only when given; both removed on resume), so a Flux user who
 * knows those annotations reads the same thing in Tideline, `kubectl` or Weave GitOps.
 */
export const SUSPENDED_BY_ANNOTATION = 'metadata.weave.works/suspended-by';
/** The reason given when suspending (see {@link SUSPENDED_BY_ANNOTATION}). */
export const SUSPENDED_COMMENT_ANNOTATION = 'metadata.weave.works/suspended-comment';
