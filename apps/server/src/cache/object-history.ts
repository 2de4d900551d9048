import type { FluxObjectSummary, TransitionDto } from '../api/dto.js';

/** Transitions kept per object, newest last. */
const PER_OBJECT = 50;

/**
 * What the summaries of one object said over time, as far as this server saw: Ready
 * transitions (status, reason) and new revisions. The cluster keeps only the current
 * conditions, so this is how the detail page's timeline knows what happened before. Pure
 * comparison; bounded per object; dropped with the object.
 */
export function transitionsBetween(
  before: FluxObjectSummary | undefined,
  after: FluxObjectSummary,
  now: string,
): TransitionDto[] {
  if (!before) return [];
  const out: TransitionDto[] = [];
  if (
    before.ready !== after.ready ||
    before.readyReason !== after.readyReason ||
    before.suspended !== after.suspended
  ) {
    out.push({
      at:
        after.lastTransition && after.lastTransition > (before.lastTransition ?? '')
          ? after.lastTransition
          : now,
      type: 'condition',
      title:
        after.suspended && !before.suspended
          ? 'Suspended'
          : `Ready ${after.ready}${after.readyReason ? ` (${after.readyReason})` : ''}`,
      detail: after.suspended && !before.suspended ? (after.suspendedComment ?? '') : after.readyMessage,
      state: after.state,
    });
  }
  if (after.revision && before.revision !== after.revision) {
    out.push({
      at: now,
      type: 'revision',
      title: after.revision,
      detail: before.revision ? `was ${before.revision}` : '',
      state: after.state,
    });
  }
  return out;
}

/** The transitions of every object, bounded. */
export class ObjectHistory {
  private readonly byObject = new Map<string, TransitionDto[]>();

  /** Records what changed between two summaries of one object. */
  record(before: FluxObjectSummary | undefined, after: FluxObjectSummary, now: string): void {
    const found = transitionsBetween(before, after, now);
    if (found.length === 0) return;
    const list = this.byObject.get(after.id) ?? [];
    list.push(...found);
    if (list.length > PER_OBJECT) list.splice(0, list.length - PER_OBJECT);
    this.byObject.set(after.id, list);
  }

  /** An object's transitions, newest first. */
  forObject(id: string): TransitionDto[] {
    return [...(this.byObject.get(id) ?? [])].reverse();
  }

  /** Forgets an object (it was deleted). */
  drop(id: string): void {
    this.byObject.delete(id);
  }
}
