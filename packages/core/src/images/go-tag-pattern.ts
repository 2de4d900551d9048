import { compileGoRegexp } from '../regex/index.js';
import type { CompileTagPattern } from './tag-pattern.js';

/**
 * Compiles a user pattern with Go `regexp` semantics in linear time (the regex module: RE2,
 * Go's syntax and error words), never with JavaScript's backtracking `RegExp`. Pure.
 */
export const compileGoTagPattern: CompileTagPattern = (pattern) => compileGoRegexp(pattern);
