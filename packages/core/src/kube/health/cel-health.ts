import { isCelError, parse, plan, celEnv } from '@bufbuild/cel';
import { KStatus, type KStatusResult } from './result.js';
import type { Unstructured } from './fields.js';

/**
 * Flux's `healthCheckExprs` (fluxcd/pkg `runtime/cel` StatusReader): per group/kind (a kind left
 * empty matches the whole group), CEL expressions over the object's top-level fields. An object
 * whose generation is not observed is InProgress; then `inProgress`, `failed` and `current` are
 * tried in that order; none true is InProgress. An evaluation error leaves the status Unknown.
 */

/** One `healthCheckExprs` entry. */
export interface HealthCheckExpressions {
  apiVersion: string;
  kind: string;
  current: string;
  inProgress?: string;
  failed?: string;
}

/** An expression that does not parse (Flux: terminal, `InvalidCELExpression`). */
export class InvalidCelExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCelExpressionError';
  }
}

type Program = { text: string; run: ReturnType<typeof plan> };

interface Evaluator {
  current: Program;
  inProgress?: Program;
  failed?: Program;
}

function compile(text: string, which: string, index: number): Program {
  try {
    return { text, run: plan(celEnv(), parse(text)) };
  } catch (error) {
    throw new InvalidCelExpressionError(
      `failed to create custom status evaluator for healthchecks[${index}]: failed to parse the expression ${which}: ${(error as Error).message}`,
    );
  }
}

const groupOf = (apiVersion: string): string =>
  apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';

function evaluate(p: Program, obj: Unstructured): boolean {
  const result = p.run(obj as never);
  if (isCelError(result))
    throw new Error(`failed to evaluate the CEL expression '${p.text}': ${result.message}`);
  if (typeof result !== 'boolean')
    throw new Error(`failed to evaluate CEL expression as boolean: '${p.text}'`);
  return result;
}

function statusOf(e: Evaluator, obj: Unstructured): KStatusResult {
  const observed = (obj.status as { observedGeneration?: unknown } | undefined)?.observedGeneration;
  const generation = (obj.metadata as { generation?: unknown } | undefined)?.generation;
  if (typeof observed === 'number' && typeof generation === 'number' && observed !== generation) {
    return { status: KStatus.InProgress, message: '', conditions: [] };
  }
  const order: [
    Program | undefined,
    typeof KStatus.InProgress | typeof KStatus.Failed | typeof KStatus.Current,
  ][] = [
    [e.inProgress, KStatus.InProgress],
    [e.failed, KStatus.Failed],
    [e.current, KStatus.Current],
  ];
  try {
    for (const [program, status] of order)
      if (program && evaluate(program, obj)) return { status, message: '', conditions: [] };
  } catch (error) {
    return { status: KStatus.Unknown, message: '', conditions: [], error: (error as Error).message };
  }
  return { status: KStatus.InProgress, message: '', conditions: [] };
}

/**
 * Compiles `healthCheckExprs` into a custom status reader for `computeStatus`; throws
 * {@link InvalidCelExpressionError} (or for a duplicate group/kind) with Flux's words.
 */
export function celStatusReader(
  checks: readonly HealthCheckExpressions[],
): (obj: Unstructured) => KStatusResult | undefined {
  const evaluators = new Map<string, Evaluator>();
  checks.forEach((hc, i) => {
    const key = `${groupOf(hc.apiVersion)}/${hc.kind}`;
    if (evaluators.has(key)) {
      const group = groupOf(hc.apiVersion);
      // Go's GroupKind.String(): `Kind.group`, just the kind (core group) or just the group (no kind).
      const gk = hc.kind ? (group ? `${hc.kind}.${group}` : hc.kind) : group;
      throw new InvalidCelExpressionError(
        `duplicate custom health check for GroupKind ${gk} at healthchecks[${i}]`,
      );
    }
    if (!hc.current)
      throw new InvalidCelExpressionError(
        `failed to create custom status evaluator for healthchecks[${i}]: expression Current not specified`,
      );
    evaluators.set(key, {
      current: compile(hc.current, 'Current', i),
      ...(hc.inProgress ? { inProgress: compile(hc.inProgress, 'InProgress', i) } : {}),
      ...(hc.failed ? { failed: compile(hc.failed, 'Failed', i) } : {}),
    });
  });
  return (obj) => {
    if (evaluators.size === 0) return undefined;
    const group = groupOf(String(obj.apiVersion ?? ''));
    const e = evaluators.get(`${group}/${String(obj.kind ?? '')}`) ?? evaluators.get(`${group}/`);
    return e ? statusOf(e, obj) : undefined;
  };
}
