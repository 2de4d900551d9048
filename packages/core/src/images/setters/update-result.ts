import type { Change, ObjectIdentifier } from './update-document.js';

/** The changes of one object in one file. */
export interface ObjectChanges {
  object: ObjectIdentifier;
  changes: Change[];
}

/**
 * What applying the setters did (image-automation-controller's `update.Result`): per file
 * (relative to `update.path`, `/`-separated), per object, the changes; and the files that could
 * not be read as YAML (skipped, not fatal).
 */
export interface UpdateResult {
  fileChanges: Map<string, Map<string, ObjectChanges>>;
  problemFiles: string[];
}

/** A stable key for an object identity. Pure. */
export function objectKey(object: ObjectIdentifier): string {
  return JSON.stringify([object.name, object.namespace, object.apiVersion, object.kind]);
}

/** An empty result. Pure. */
export function emptyResult(): UpdateResult {
  return { fileChanges: new Map(), problemFiles: [] };
}

/** `Result.AddChange`. Mutates `result`. */
export function addChange(
  result: UpdateResult,
  file: string,
  object: ObjectIdentifier,
  change: Change,
): void {
  let objects = result.fileChanges.get(file);
  if (!objects) result.fileChanges.set(file, (objects = new Map()));
  const key = objectKey(object);
  const entry = objects.get(key) ?? { object, changes: [] };
  entry.changes.push(change);
  objects.set(key, entry);
}

/** `Result.Changes()`: every change once (files in path order, then objects in order seen). Pure. */
export function allChanges(result: UpdateResult): Change[] {
  const seen = new Set<string>();
  const out: Change[] = [];
  for (const file of [...result.fileChanges.keys()].sort())
    for (const entry of result.fileChanges.get(file)?.values() ?? [])
      for (const change of entry.changes) {
        const key = JSON.stringify([change.oldValue, change.newValue, change.setter]);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(change);
      }
  return out;
}

/** `Result.Objects()`: the changes of each object, across files. Pure. */
export function changedObjects(result: UpdateResult): Map<string, ObjectChanges> {
  const out = new Map<string, ObjectChanges>();
  for (const file of [...result.fileChanges.keys()].sort())
    for (const [key, entry] of result.fileChanges.get(file) ?? []) {
      const merged = out.get(key) ?? { object: entry.object, changes: [] };
      merged.changes.push(...entry.changes);
      out.set(key, merged);
    }
  return out;
}

/** How many values changed in all. Pure. */
export function changeCount(result: UpdateResult): number {
  let count = 0;
  for (const objects of result.fileChanges.values())
    for (const entry of objects.values()) count += entry.changes.length;
  return count;
}
