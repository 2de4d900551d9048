import { compileCel } from './cel-expression.js';
import type { FluxEvent } from './event.js';

/** `lower(<kind>/<name>/<first segment of the Provider UID>)`: Flux's default commit status id. Pure. */
export function defaultCommitStatus(providerUid: string, event: FluxEvent): string {
  const uidPart = providerUid.split('-')[0] ?? '';
  return `${event.involvedObject.kind}/${event.involvedObject.name}/${uidPart}`.toLowerCase();
}

/**
 * The commit status id from `spec.commitStatusExpr`, evaluated with `event`, `alert` and
 * `provider` as maps; throws with Flux's wording on a bad expression.
 */
export function commitStatusFromExpression(
  expression: string,
  vars: { event: FluxEvent; alert: unknown; provider: unknown },
): string {
  try {
    return compileCel<string>(expression, ['event', 'alert', 'provider'], 'string').evaluate(
      JSON.parse(JSON.stringify(vars)) as Record<string, unknown>,
    );
  } catch (error) {
    throw new Error(
      `failed to evaluate the spec.commitStatusExpr CEL expression for the event: ${(error as Error).message}`,
    );
  }
}
