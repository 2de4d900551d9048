import { envsubst, mapLookup } from './envsubst/envsubst.js';
import { parseGoYaml } from './go-yaml.js';

/** Resources opt out of substitution with this label or annotation set to exactly `disabled`. */
export const SUBSTITUTE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/substitute';

/** Flux's variable-name rule. */
export const VAR_NAME_PATTERN = '^[_[:alpha:]][_[:alpha:][:digit:]]*$';
const VAR_NAME = /^[_A-Za-z][_A-Za-z0-9]*$/;

/**
 * Variables as loaded: the map (and the values that came from Secrets, to keep out of
 * messages), or the error Flux reports for the first resource needing them.
 */
export type LoadedVariables =
  { vars: Record<string, string>; secretValues?: readonly string[] } | { error: string };

/** How substitution runs. */
export interface SubstituteOptions {
  /** Undefined variables without a default are errors (kustomize-controller v1.9 default). */
  strict: boolean;
  /** Strategy `Always`: substitute even when no variable resolved (default `WithVariables`). */
  always: boolean;
}

/** One built resource: its YAML text and the object it parses to. */
export interface ManifestDoc {
  text: string;
  object: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } } & Record<
    string,
    unknown
  >;
}

/** Newlines are stripped from every variable value, as Flux does. Pure. */
export function cleanValue(value: string): string {
  return value.replaceAll('\n', '');
}

/** Merges variable sources in order (later wins), stripping newlines. Pure. */
export function mergeVariables(
  ...sources: readonly (Readonly<Record<string, string>> | undefined)[]
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) for (const [k, v] of Object.entries(source ?? {})) out[k] = cleanValue(v);
  return out;
}

/** Whether a resource opted out (`substitute: disabled`, exact and lowercase). Pure. */
export function substitutionDisabled(doc: ManifestDoc): boolean {
  const meta = doc.object.metadata;
  return (
    meta?.labels?.[SUBSTITUTE_ANNOTATION] === 'disabled' ||
    meta?.annotations?.[SUBSTITUTE_ANNOTATION] === 'disabled'
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A YAML error as go-yaml words it (`yaml: line N: <problem>`), without the `yaml` package's
 * excerpt of the offending line: after substitution that line can hold a Secret's value, and
 * Flux's message never quotes it either. Pure.
 */
export function yamlErrorText(error: unknown, text: string): string {
  const pos = (error as { pos?: unknown }).pos;
  if (!(error instanceof Error) || !Array.isArray(pos) || typeof pos[0] !== 'number') return errorText(error);
  const line = text.slice(0, pos[0]).split('\n').length;
  return `yaml: line ${line}: ${error.message}`;
}

/**
 * Post-build substitution of one resource (fluxcd/pkg `SubstituteVariables`): skipped when
 * disabled, or when no variable resolved under `WithVariables`; otherwise every variable name
 * is validated, `${…}` is expanded over the resource's YAML, and the result must parse again.
 * Returns the (possibly new) document; throws with Flux's `envsubst error: …` texts. Pure.
 */
export function substituteDocument(
  doc: ManifestDoc,
  loaded: LoadedVariables,
  options: SubstituteOptions,
): ManifestDoc {
  if (substitutionDisabled(doc)) return doc;
  if ('error' in loaded) throw new Error(loaded.error);
  const { vars } = loaded;
  if (Object.keys(vars).length === 0 && !options.always) return doc;
  const invalid = Object.keys(vars).find((name) => !VAR_NAME.test(name));
  if (invalid !== undefined)
    throw new Error(`envsubst error: '${invalid}' var name is invalid, must match '${VAR_NAME_PATTERN}'`);
  let text: string;
  try {
    text = envsubst(doc.text, mapLookup(vars, options.strict));
  } catch (error) {
    throw new Error(`envsubst error: variable substitution failed: ${errorText(error)}`);
  }
  let object: unknown;
  try {
    // Read as sigs.k8s.io/yaml reads it (go-yaml v2): an unquoted `on`/`yes` a variable produced is
    // a boolean, but `1:30`, a date or `1.5e400` stays text, as in Flux.
    object = parseGoYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new Error(`envsubst error: YAMLToJSON: ${yamlErrorText(error, text)}`);
  }
  if (!object || typeof object !== 'object' || Array.isArray(object))
    throw new Error('envsubst error: UnmarshalJSON: the document is not an object');
  return { text, object: object as ManifestDoc['object'] };
}

/** kustomize's `Gvk.String()`: `group_version_kind` with `~G`/`~V`/`~K` for empty parts. Pure. */
export function gvkString(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return [group || '~G', version || '~V', kind || '~K'].join('_');
}
