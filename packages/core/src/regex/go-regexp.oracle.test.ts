import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { askGoOracle, buildGoOracle } from '../testing/go-oracle.js';
import { compileGoRegexp, GoRegexpError, type GoRegexp } from './go-regexp.js';
import { regexpOracleCorpus, type RegexpOracleRequest } from './oracle-corpus.js';

const ORACLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../tools/oracles/regexp');

interface OracleResult {
  matches: boolean;
  submatch: string[] | null;
  expanded: string;
}

interface OracleAnswer {
  valid: boolean;
  error?: string;
  names: string[] | null;
  results: OracleResult[] | null;
}

/**
 * The oracle is Debian's Go 1.19; Flux builds with a current Go. Go 1.19 reports a pattern over
 * the size limit as an internal error, current Go (and we) as `expression too large`
 * (regexp/syntax `parse`). Both refuse it; only the wording moved.
 */
function currentGoWording(error: string | undefined): string | undefined {
  return error?.replace(
    /^error parsing regexp: regexp\/syntax: internal error: /,
    'error parsing regexp: expression too large: ',
  );
}

/** Our answer in the oracle's shape. */
function ours(request: RegexpOracleRequest): OracleAnswer {
  let re: GoRegexp;
  try {
    re = compileGoRegexp(request.pattern);
  } catch (error) {
    if (!(error instanceof GoRegexpError)) throw error;
    return { valid: false, error: error.message, names: null, results: null };
  }
  return {
    valid: true,
    names: [...re.subexpNames],
    results: request.inputs.map((input) => ({
      matches: re.matchString(input),
      submatch: re.findStringSubmatch(input),
      expanded: re.expandMatch(request.template, input) ?? '',
    })),
  };
}

describe("Go regexp semantics against Go's own regexp (oracle)", () => {
  const corpus = regexpOracleCorpus();
  let answers: OracleAnswer[] = [];

  beforeAll(async () => {
    answers = await askGoOracle<OracleAnswer>(
      await buildGoOracle(ORACLE_DIR, 'regexp', '/nonexistent'),
      corpus,
    );
  }, 180_000);

  it('asks enough questions, valid and invalid', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(800);
    const valid = answers.filter((a) => a.valid).length;
    expect(valid).toBeGreaterThanOrEqual(500);
    expect(answers.length - valid).toBeGreaterThanOrEqual(150);
    const matched = answers.flatMap((a) => a.results ?? []).filter((r) => r.matches).length;
    expect(matched).toBeGreaterThanOrEqual(5000);
  });

  it('agrees on which patterns compile, with the same error messages', () => {
    const disagreements = corpus
      .map((request, i) => ({ pattern: request.pattern, go: answers[i], ts: ours(request) }))
      .filter(({ go, ts }) => go?.valid !== ts.valid || currentGoWording(go?.error) !== ts.error)
      .map(({ pattern, go, ts }) => ({ pattern, go: go?.error ?? 'valid', ts: ts.error ?? 'valid' }));
    expect(disagreements).toEqual([]);
  });

  it('agrees on group names, matches, submatches and template expansion', () => {
    const disagreements = [];
    for (const [i, request] of corpus.entries()) {
      const go = answers[i];
      if (!go?.valid) continue;
      const ts = ours(request);
      if (JSON.stringify(ts.names) !== JSON.stringify(go.names))
        disagreements.push({ pattern: request.pattern, go: go.names, ts: ts.names });
      for (const [j, input] of request.inputs.entries()) {
        const [want, got] = [go.results?.[j], ts.results?.[j]];
        if (JSON.stringify(want) !== JSON.stringify(got))
          disagreements.push({
            pattern: request.pattern,
            template: request.template,
            input,
            go: want,
            ts: got,
          });
      }
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
  });
});
