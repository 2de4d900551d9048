/** A Kubernetes `metav1.LabelSelector`. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A selector `metav1.LabelSelectorAsSelector` refuses; the message reads as apimachinery's. */
export class LabelSelectorError extends Error {
  override readonly name = 'LabelSelectorError';
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** apimachinery's `IsQualifiedName`: `[prefix/]name`, name ≤ 63, prefix a DNS subdomain ≤ 253. Pure. */
function keyProblem(key: string): string | undefined {
  const parts = key.split('/');
  const name = parts.length === 2 ? (parts[1] ?? '') : (parts[0] ?? '');
  if (parts.length > 2) return 'a qualified name must consist of alphanumeric characters';
  if (
    parts.length === 2 &&
    (parts[0] === '' || (parts[0] ?? '').length > 253 || !DNS_SUBDOMAIN.test(parts[0] ?? ''))
  )
    return 'prefix part must be a lowercase RFC 1123 subdomain';
  if (name === '') return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!NAME_PART.test(name))
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** apimachinery's `IsValidLabelValue`: empty, or ≤ 63 characters of the name alphabet. Pure. */
function valueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return 'must be no more than 63 characters';
  return NAME_PART.test(value)
    ? undefined
    : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
}

type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

function checkKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw new LabelSelectorError(`key: Invalid value: "${key}": ${problem}`);
}

function checkValues(values: readonly string[]): void {
  for (const value of values) {
    const problem = valueProblem(value);
    if (problem) throw new LabelSelectorError(`values[0]: Invalid value: "${value}": ${problem}`);
  }
}

function expression(e: { key: string; operator: string; values?: string[] }): Requirement {
  checkKey(e.key);
  const values = e.values ?? [];
  switch (e.operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0)
        throw new LabelSelectorError(
          "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
        );
      checkValues(values);
      const set = new Set(values);
      return e.operator === 'In'
        ? (labels) => e.key in labels && set.has(labels[e.key] ?? '')
        : (labels) => !(e.key in labels) || !set.has(labels[e.key] ?? '');
    }
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        throw new LabelSelectorError(
          'values: Invalid value: []string{…}: values set must be empty for exists and does not exist',
        );
      return e.operator === 'Exists' ? (labels) => e.key in labels : (labels) => !(e.key in labels);
    default:
      throw new LabelSelectorError(`"${e.operator}" is not a valid label selector operator`);
  }
}

/**
 * Compiles a selector as `metav1.LabelSelectorAsSelector` does: every requirement must hold; an
 * absent selector matches everything, an empty one too. Throws {@link LabelSelectorError} for a
 * bad key, value or operator. Pure.
 */
export function compileLabelSelector(
  selector: LabelSelector | undefined,
): (labels: Readonly<Record<string, string>> | undefined) => boolean {
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    checkKey(key);
    checkValues([value]);
    requirements.push((labels) => key in labels && labels[key] === value);
  }
  for (const e of selector?.matchExpressions ?? []) requirements.push(expression(e));
  return (labels) => requirements.every((r) => r(labels ?? {}));
}

/** Whether `labels` match `selector`, treating an invalid selector as matching nothing. Pure. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  try {
    return compileLabelSelector(selector)(labels);
  } catch {
    return false;
  }
}
