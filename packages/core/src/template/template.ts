import { BUILTINS } from './builtins.js';
import { Executor, TemplateExecError } from './exec.js';
import type { GoFunction, Maybe } from './go-values.js';
import { parseTemplate, TemplateParseError, type TreeSet } from './parser.js';
import { SPRIG_FUNCS, UNSUPPORTED_SPRIG } from './sprig/index.js';

export { TemplateExecError, TemplateParseError };

const BUILTIN_FUNCS: ReadonlyMap<string, GoFunction> = new Map(BUILTINS.map((f) => [f.name, f]));
const UNSUPPORTED: ReadonlySet<string> = new Set(UNSUPPORTED_SPRIG);

/** A parsed template, ready to run on data. */
export interface CompiledTemplate {
  /** Go's `Execute`: the output, or a {@link TemplateExecError} with Go's message. */
  execute(data: Maybe): string;
}

/**
 * Go's `template.New(name).Funcs(sprig.HermeticTxtFuncMap()).Parse(text)`: the builtins and
 * Sprig's hermetic functions (those Tideline implements; the others are refused by name). Throws
 * {@link TemplateParseError} with Go's message. Pure.
 */
export function compileTemplate(name: string, text: string): CompiledTemplate {
  const funcs = new Map([...BUILTIN_FUNCS, ...SPRIG_FUNCS]);
  const has = (fn: string): boolean => funcs.has(fn);
  let trees: TreeSet;
  try {
    trees = parseTemplate(name, text, (fn) => {
      if (!has(fn) && UNSUPPORTED.has(fn))
        throw new TemplateParseError(
          `template: ${name}: function ${JSON.stringify(fn)} is not supported by Tideline`,
        );
      return has(fn);
    });
  } catch (error) {
    if (error instanceof TemplateParseError) throw error;
    throw error;
  }
  return { execute: (data) => new Executor({ name, text, trees, funcs }).run(data) };
}
