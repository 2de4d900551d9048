/** The JSON key of an image policy marker (image-automation-controller's `SetterShortHand`). */
export const MARKER_KEY = '$imagepolicy';

/** The token a file must contain to be read at all (`"$imagepolicy"`, quotes included). */
export const MARKER_TOKEN = `"${MARKER_KEY}"`;

/**
 * The setter a YAML comment names, as kyaml's `FieldMeta.Read` finds it: the comment (without
 * its leading `#`s) must be a JSON object of strings whose `$imagepolicy` value is non-empty —
 * `{"$imagepolicy": "<namespace>:<policy>[:tag|:name|:digest]"}`. Anything else is just a
 * comment. Pure.
 */
export function markerSetter(comment: string | undefined): string | undefined {
  if (!comment) return undefined;
  const text = comment.replace(/^#+/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  // Go unmarshals into map[string]string: one non-string value fails the whole comment.
  if (Object.values(parsed).some((v) => typeof v !== 'string')) return undefined;
  const name = (parsed as Record<string, string>)[MARKER_KEY];
  return name ? name : undefined;
}
