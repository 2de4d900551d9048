import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../testing/fuzz.js';
import { parseLsRemote, refNameProblem, remoteTags, resolveRemoteRef } from './git-refs.js';

/** git's own verdict on a ref name (the real binary is the oracle). */
const gitAccepts = (name: string): boolean =>
  spawnSync('git', ['check-ref-format', '--allow-onelevel', name], { stdio: 'ignore' }).status === 0;

const piece = fc.constantFrom(
  'a',
  'b',
  'main',
  'v1.0',
  '-',
  '.',
  '..',
  '/',
  '//',
  '@',
  '@{',
  '{',
  '}',
  '~',
  '^',
  ':',
  '?',
  '*',
  '[',
  '\\',
  ' ',
  '\t',
  '\x7f',
  '\x01',
  'é',
  '.lock',
  'lock',
  'HEAD',
);
const word = fc.constantFrom('a', 'main', 'v1.0', 'feat-x', 'release', 'é', 'x_y', 'HEAD', '1');
// Names that are mostly valid, each with a defect or two git has a rule for (or a harmless twist).
const defect = fc.constantFrom(
  (s: string) => `${s}.lock`,
  (s: string) => `${s}..x`,
  (s: string) => `.${s}`,
  (s: string) => `${s}.`,
  (s: string) => `${s}@{x`,
  (s: string) => `${s}@`,
  (s: string) => `-${s}`,
  (s: string) => `${s}-`,
  (s: string) => `${s}\x7f`,
  (s: string) => `${s} `,
  (s: string) => `${s}~1`,
  (s: string) => `${s}^`,
  (s: string) => `${s}:`,
  (s: string) => `${s}?`,
  (s: string) => `${s}*`,
  (s: string) => `${s}[`,
  (s: string) => `${s}\\`,
  (s: string) => `${s}/`,
  (s: string) => `/${s}`,
  (s: string) => `${s}//x`,
  (s: string) => `${s}.lock.x`,
  (s: string) => `${s}{}`,
  (s: string) => s,
);
const refName = fc.oneof(
  fc
    .tuple(
      fc.array(word, { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(fc.nat(), defect), { maxLength: 2 }),
    )
    .map(([words, defects]) => {
      const parts: string[] = [...words];
      for (const [at, apply] of defects) parts[at % parts.length] = apply(parts[at % parts.length] ?? '');
      return parts.join('/');
    }),
  fc.array(piece, { minLength: 0, maxLength: 6 }).map((p) => p.join('')),
);
const oid = fc.stringMatching(/^[0-9a-f]{40}$/);
const segment = fc
  .stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}[a-z0-9]$/)
  .filter((s) => !s.includes('..') && !s.endsWith('.lock'));

describe('Git refs (properties)', () => {
  it('accepts exactly the ref names git check-ref-format accepts', () => {
    fc.assert(
      fc.property(fc.oneof(refName, fc.string({ maxLength: 8 })), (name) => {
        // NUL never reaches git through argv; it is refused as any control character is.
        if (name.includes('\0')) return;
        expect(refNameProblem(name) === undefined).toBe(gitAccepts(name));
      }),
      fuzzParameters(200, { maxRuns: 20_000 }),
    );
  });

  it('reads back every ref of an ls-remote listing, peeling annotated tags', () => {
    const listing = fc.uniqueArray(
      fc.tuple(
        fc.constantFrom('refs/heads/', 'refs/tags/', 'refs/pull/'),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        oid,
        fc.option(oid, { nil: undefined }),
      ),
      { selector: ([kind, parts]) => kind + parts.join('/'), maxLength: 8 },
    );
    fc.assert(
      fc.property(listing, fc.constantFrom('\n', '\r\n'), ([...refs], eol) => {
        const lines: string[] = [];
        for (const [kind, parts, id, peeled] of refs) {
          lines.push(`${id}\t${kind}${parts.join('/')}`);
          if (kind === 'refs/tags/' && peeled) lines.push(`${peeled}\t${kind}${parts.join('/')}^{}`);
        }
        const read = parseLsRemote(lines.join(eol) + eol);
        const tags = remoteTags(read);
        for (const [kind, parts, id, peeled] of refs) {
          const ref = `${kind}${parts.join('/')}`;
          const commit = kind === 'refs/tags/' && peeled ? peeled : id;
          expect(resolveRemoteRef(read, ref)).toBe(commit);
          if (kind === 'refs/tags/') expect(tags.get(parts.join('/'))).toBe(commit);
        }
        expect(tags.size).toBe(refs.filter(([kind]) => kind === 'refs/tags/').length);
      }),
      fuzzParameters(1000),
    );
  });

  it('never throws on any output, and stays linear', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (out) => {
        const refs = parseLsRemote(out);
        remoteTags(refs);
        for (const key of refs.keys()) resolveRemoteRef(refs, key);
      }),
      fuzzParameters(1000),
    );
    const started = performance.now();
    parseLsRemote(`${'a'.repeat(40)}\trefs/tags/x\n`.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(3_000); // a hang guard
  });
});
