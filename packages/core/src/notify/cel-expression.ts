import { Environment } from '@marcbachmann/cel-js';

/** A compiled CEL expression over map variables, checked to produce `output`. */
export interface CelExpression<T> {
  evaluate(vars: Record<string, unknown>): T;
}

/**
 * Compiles a CEL expression as fluxcd/pkg runtime/cel does for notification-controller
 * (`WithStructVariables`, an output type): variables are maps, the result must be of the given
 * type. Throws with the parse or type error. Evaluation errors throw too.
 */
export function compileCel<T extends boolean | string>(
  expression: string,
  variables: readonly string[],
  output: T extends boolean ? 'bool' : 'string',
): CelExpression<T> {
  const env = new Environment({ unlistedVariablesAreDyn: false });
  for (const name of variables) env.registerVariable(name, 'map');
  const checked = env.check(expression);
  if (!checked.valid)
    throw new Error(`failed to parse expression ${expression}: ${firstLine(checked.error)}`);
  if (checked.type !== output && checked.type !== 'dyn')
    throw new Error(
      `failed to parse expression ${expression}: expected ${output} output type, got ${checked.type}`,
    );
  const run = env.parse(expression);
  return {
    evaluate: (vars) => {
      const value = run(vars) as unknown;
      if (typeof value !== (output === 'bool' ? 'boolean' : 'string'))
        throw new Error(
          `failed to evaluate expression ${expression}: expected ${output}, got ${typeof value}`,
        );
      return value as T;
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
