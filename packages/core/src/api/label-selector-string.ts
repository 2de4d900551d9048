import { LabelSelectorError } from './label-selector.js';

/** Whether an object's labels satisfy a selector. */
export type LabelPredicate = (labels: Readonly<Record<string, string>> | undefined) => boolean;

type Labels = Readonly<Record<string, string>>;

const SYMBOLS = ['!=', '==', '!', '=', '(', ')', ',', '>', '<'] as const;
const WHITESPACE = /[ \t\r\n]/;
const SPECIAL = /[=!(),<>]/;

/** apimachinery's selector lexer: special symbols (longest first) and identifiers between them. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (WHITESPACE.test(ch)) {
      i += 1;
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (symbol) {
      tokens.push(symbol);
      i += symbol.length;
      continue;
    }
    let end = i;
    while (end < text.length && !WHITESPACE.test(text.charAt(end)) && !SPECIAL.test(text.charAt(end)))
      end += 1;
    tokens.push(text.slice(i, end));
    i = end;
  }
  return tokens;
}

const isIdentifier = (token: string | undefined): token is string =>
  token !== undefined && !(SYMBOLS as readonly string[]).includes(token);

/** One requirement's predicate, as `labels.Requirement.Matches`. */
function requirement(key: string, op: string, values: readonly string[]): (labels: Labels) => boolean {
  const set = new Set(values);
  switch (op) {
    case 'exists':
      return (labels) => key in labels;
    case '!':
      return (labels) => !(key in labels);
    case '=':
    case '==':
    case 'in':
      return (labels) => key in labels && set.has(labels[key] ?? '');
    case '!=':
    case 'notin':
      return (labels) => !(key in labels) || !set.has(labels[key] ?? '');
    default: {
      // `>` and `<` compare integers; a label that is not one never matches.
      const bound = Number(values[0]);
      const holds = (n: number): boolean => (op === '>' ? n > bound : n < bound);
      return (labels) => key in labels && /^-?\d+$/.test(labels[key] ?? '') && holds(Number(labels[key]));
    }
  }
}

/** Reads requirements off the token list, as apimachinery's `Parser.parse`. */
class SelectorParser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly string[],
  ) {}

  parse(): ((labels: Labels) => boolean)[] {
    const requirements: ((labels: Labels) => boolean)[] = [];
    while (this.at < this.tokens.length) {
      requirements.push(this.requirement());
      if (this.at >= this.tokens.length) break;
      this.expect(',');
      if (this.at >= this.tokens.length) this.fail('found end of input, expected: identifier');
    }
    return requirements;
  }

  private requirement(): (labels: Labels) => boolean {
    if (this.peek() === '!') {
      this.at += 1;
      return requirement(this.identifier(), '!', []);
    }
    const key = this.identifier();
    const op = this.peek();
    if (op === undefined || op === ',') return requirement(key, 'exists', []);
    this.at += 1;
    if (op === 'in' || op === 'notin') return requirement(key, op, this.valueSet(op));
    if (!['=', '==', '!=', '>', '<'].includes(op))
      this.fail(`found '${op}', expected: '=', '!=', '==', 'in', notin'`);
    const next = this.peek();
    const value = isIdentifier(next) ? (this.at++, next) : '';
    if ((op === '>' || op === '<') && !/^-?\d+$/.test(value))
      this.fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
    return requirement(key, op, [value]);
  }

  private valueSet(op: string): string[] {
    this.expect('(');
    const values: string[] = [];
    for (;;) {
      const token = this.peek();
      if (isIdentifier(token)) this.at += 1;
      values.push(isIdentifier(token) ? token : '');
      const after = this.peek();
      this.at += 1;
      if (after === ')') break;
      if (after !== ',') this.fail(`found '${after ?? 'end of input'}', expected: ',' or ')'`);
    }
    if (values.length === 1 && values[0] === '') this.fail(`for '${op}' operator, values set can't be empty`);
    return values;
  }

  private identifier(): string {
    const token = this.peek();
    if (!isIdentifier(token)) this.fail(`found '${token ?? 'end of input'}', expected: identifier`);
    this.at += 1;
    return token;
  }

  private expect(symbol: string): void {
    const token = this.peek();
    if (token !== symbol) this.fail(`found '${token ?? 'end of input'}', expected: '${symbol}'`);
    this.at += 1;
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private fail(problem: string): never {
    throw new LabelSelectorError(`unable to parse label selector "${this.text}": ${problem}`);
  }
}

/**
 * Parses a label selector's string form (`labels.Parse`: `k`, `!k`, `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k>1`, `k<1`, comma-separated, all must hold) into a predicate.
 * Keys and values are not validated here: the API server does that for `--watch-label-selector`
 * before this is used. Throws {@link LabelSelectorError} on syntax it cannot read. Pure.
 */
export function parseLabelSelector(text: string): LabelPredicate {
  const requirements = new SelectorParser(text, tokenize(text)).parse();
  return (labels) => requirements.every((r) => r(labels ?? {}));
}
