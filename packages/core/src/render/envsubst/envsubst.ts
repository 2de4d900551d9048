import { isDefaultOperator, lookupFunc } from './funcs.js';
import { parseTemplate, type EnvNode } from './parse.js';

/** Looks a variable up: its value and whether it exists. */
export type VariableLookup = (name: string) => { value: string; exists: boolean };

/** Raised for an unset variable in strict mode: `variable not set (strict mode): "<name>"`. */
export class VariableNotSetError extends Error {
  constructor(readonly variable: string) {
    super(`variable not set (strict mode): ${JSON.stringify(variable)}`);
    this.name = 'VariableNotSetError';
  }
}

function evaluate(node: EnvNode, lookup: VariableLookup, out: string[]): void {
  if (node.type === 'text') {
    out.push(node.value);
    return;
  }
  if (node.type === 'list') {
    for (const n of node.nodes) evaluate(n, lookup, out);
    return;
  }
  const args = node.args.map((arg) => {
    const buf: string[] = [];
    evaluate(arg, lookup, buf);
    return buf.join('');
  });
  const { value, exists } = lookup(node.param);
  if (!exists && !isDefaultOperator(node.name)) throw new VariableNotSetError(node.param);
  out.push(lookupFunc(node.name, args.length)(value, args));
}

/**
 * Expands `${…}` expressions in `template` as fluxcd/pkg `envsubst.Eval` does. Bare `$var` is
 * left alone and `$${var}` yields `${var}`. Throws {@link EnvsubstParseError} on bad syntax and
 * {@link VariableNotSetError} when `lookup` says a variable does not exist (strict mode). Pure.
 */
export function envsubst(template: string, lookup: VariableLookup): string {
  const out: string[] = [];
  evaluate(parseTemplate(template), lookup, out);
  return out.join('');
}

/** A lookup over a map: strict ⇒ missing names do not exist; lenient ⇒ they are empty. Pure. */
export function mapLookup(vars: Readonly<Record<string, string>>, strict: boolean): VariableLookup {
  return (name) => {
    const exists = Object.hasOwn(vars, name);
    return { value: exists ? (vars[name] ?? '') : '', exists: exists || !strict };
  };
}

export { EnvsubstParseError } from './parse.js';
